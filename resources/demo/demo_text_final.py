"""Demo treaty text, part 4: Chapters VI to IX.

Data for build_demo.py (see its docstring for the mark-up). Fictional text,
written for Travaux; drafts are numbered 1 (zero draft) to 5 (final text).
"""

TERM = "[cybercrime][the criminal use of information and communications technologies]"

# Legal-editing pass of the final text (draft 5): "needed" becomes "necessary".
NECESSARY = ("measures needed", "measures necessary", "all")

ARTICLES = [
    # ---------------------------------------------------------- Chapter VI
    dict(
        key="prevention", chapter="VI", heading="Preventive measures",
        text={1: """
1. In keeping with the fundamental principles of its legal system, each State Party shall endeavour to put in place, or maintain, effective and coordinated policies and good practices, backed by appropriate legislative, administrative or other measures, that narrow the present and future opportunities for [cybercrime][the criminal use of information and communications technologies].
2. Within its means and consistently with the fundamental principles of its domestic law, each State Party shall take appropriate measures to involve actively in preventing the offences established in accordance with this Convention those outside the public sector — including non-governmental and civil society organizations, academic institutions, the private sector and the public at large.
3. Preventive measures may include:
(a) Closer cooperation between law enforcement authorities or prosecutors and relevant actors outside the public sector;
(b) Campaigns, education and media and information literacy programmes that make the public aware of such offences, of their causes and of how serious a threat they pose;
(c) Stronger domestic criminal justice systems, including through training for the practitioners who work in them;
(d) Encouragement for service providers to adopt effective preventive measures, where national circumstances allow;
(e) Programmes that steer persons at risk away from such offences;
(f) [Support for the reintegration into society of persons convicted of such offences.]
4. Each State Party shall take appropriate measures so that the public knows which authorities are responsible for preventing and combating such offences and how to reach them, including in order to report, anonymously if need be, any incident that may amount to such an offence.
"""},
        edits={
            2: [("(e) Programmes that steer persons at risk away from such offences;",
                 "(e) Programmes that steer persons at risk away from such offences;\n(f) Strategies to prevent and eliminate gender-based violence committed or amplified through information and communications technology systems;\n(g) Specific, tailored efforts to keep children safe online;"),
                ("(f) [Support for the reintegration", "(h) [Support for the reintegration")],
            3: [("(h) [Support for the reintegration into society of persons convicted of such offences.]",
                 "(h) Support for the reintegration into society of persons convicted of such offences;\n(i) [Recognition of the contribution that the legitimate activities of security researchers make to preventing such offences.]")],
            4: [(TERM, "cybercrime"),
                ("such offences;\n(i) [Recognition of the contribution that the legitimate activities of security researchers make to preventing such offences.]",
                 "such offences.")],
            5: [("anonymously if need be", "anonymously where appropriate")],
        },
    ),
    # --------------------------------------------------------- Chapter VII
    dict(
        key="technical_assistance", chapter="VII", heading="Technical assistance and capacity-building",
        text={1: """
1. Within their capacities, States Parties shall consider giving one another as much technical assistance and capacity-building as possible — including training, the sharing of experience and specialized knowledge and the transfer of technology on mutually agreed terms — with particular attention to the interests and needs of developing States Parties, so that the offences covered by this Convention can be better prevented, detected, investigated and prosecuted.
2. Where needed, each State Party shall establish, develop or improve training programmes designed specifically for its personnel responsible for preventing and combating such offences. Such programmes may deal, *inter alia*, with:
(a) Methods and techniques used to prevent, detect, investigate and prosecute such offences;
(b) The collection, preservation and handling of evidence in electronic form, including the maintenance of the chain of custody and forensic analysis;
(c) The drafting and planning of strategic policies and legislation to prevent and combat [cybercrime][the criminal use of information and communications technologies];
(d) The preparation of requests for mutual legal assistance that meet the requirements of this Convention.
3. States Parties shall help one another to plan and carry out research and training programmes for sharing expertise in the areas listed in paragraph 2, and shall use regional and international conferences and seminars for that purpose.
4. States Parties shall consider setting up voluntary mechanisms through which they can contribute financially to the efforts of developing countries to implement this Convention by means of technical assistance programmes and projects.
"""},
        edits={
            2: [("that meet the requirements of this Convention.",
                 "that meet the requirements of this Convention;\n(e) The protection of human rights in investigations involving evidence in electronic form.")],
            4: [(TERM, "cybercrime"),
                ("(e) The protection of human rights in investigations involving evidence in electronic form.",
                 "(e) The application of the conditions and safeguards provided for in this Convention.")],
            5: [("(e) The application of the conditions and safeguards provided for in this Convention.",
                 "(e) Human rights and the conditions and safeguards provided for in this Convention.")],
        },
    ),
    dict(
        key="info_exchange", chapter="VII", heading="Exchange of information",
        text={1: """
1. Each State Party shall consider studying, together with relevant experts, including from academic institutions and civil society, how [cybercrime][the criminal use of information and communications technologies] is developing in its territory, the conditions in which such offences are committed and the technologies used.
2. States Parties shall consider building up and sharing statistics, analytical expertise and information on such offences, with one another and through international and regional organizations, with a view to developing, as far as possible, common definitions, standards and methodologies, including good practices for preventing and combating them.
3. Each State Party shall consider keeping its policies and practical measures against such offences under review and evaluating how effective and efficient they are.
"""},
        edits={
            3: [("including from academic institutions and civil society",
                 "including from academic institutions, civil society and the private sector")],
            4: [(TERM, "cybercrime")],
        },
    ),
    dict(
        key="economic_development", chapter="VII",
        heading="Implementation of the Convention through economic development and technical assistance",
        text={1: """
1. Through international cooperation and as far as possible, States Parties shall take measures that favour the fullest implementation of this Convention, bearing in mind the damage that the offences established in accordance with it do to society as a whole and to sustainable development in particular.
2. As far as possible, and in coordination with one another and with international and regional organizations, States Parties shall make concrete efforts:
(a) To deepen their cooperation with developing countries at all levels, so as to build the capacity of those countries to prevent and combat such offences;
(b) To provide more financial and material support for the efforts of developing countries to implement this Convention;
(c) To give technical assistance to developing countries and to countries with economies in transition in meeting their implementation needs;
(d) To make adequate and regular contributions to [a dedicated United Nations funding mechanism][the account established for that purpose].
3. Measures under this article are without prejudice to foreign assistance already committed and to other cooperation arrangements, whether bilateral, regional or international.
"""},
        edits={2: [("[a dedicated United Nations funding mechanism][the account established for that purpose]",
                    "an account specifically designated for that purpose in a United Nations funding mechanism")]},
    ),
    # -------------------------------------------------------- Chapter VIII
    dict(
        key="conference", chapter="VIII", heading="Conference of the States Parties to the Convention",
        text={1: """
1. The States Parties hereby establish a Conference of the States Parties to the Convention, whose task is to strengthen their capacity and their cooperation in pursuit of the objectives of this Convention and to promote and review its implementation.
2. The first session of the Conference shall be convened by the Secretary-General of the United Nations within one year of the entry into force of this Convention, and later sessions shall be held regularly as its rules of procedure provide.
3. The Conference shall adopt its rules of procedure, together with rules on how the activities described in this article are to be conducted, on the admission and participation of observers and on meeting the costs of those activities.
4. To attain the objectives set out in paragraph 1, the Conference shall decide on its activities, procedures and working methods, which shall include:
(a) Facilitating the activities of States Parties under articles {art:technical_assistance} to {art:economic_development};
(b) Enabling States Parties to share information on patterns and trends in the offences established in accordance with this Convention and on approaches that have worked in preventing and combating them;
(c) Working with relevant international and regional organizations and with non-governmental organizations;
(d) Reviewing the implementation of this Convention at regular intervals [through a dedicated review mechanism];
(e) Recommending ways to improve this Convention and its implementation.
5. [Non-governmental organizations, civil society organizations, academic institutions and the private sector [may][shall] be invited to participate as observers in the Conference of the States Parties.]
"""},
        edits={
            2: [("5. [Non-governmental", "5. Non-governmental"), ("[may][shall] be invited", "may be invited"),
                ("in the Conference of the States Parties.]", "in the Conference of the States Parties.")],
            3: [("as observers in the Conference of the States Parties.",
                 "as observers in the Conference of the States Parties[, unless a State Party objects]."),
                ("[through a dedicated review mechanism]", "[through a review mechanism [to be established by the Conference]]")],
            4: [("[, unless a State Party objects]", ", unless a State Party objects"),
                ("[through a review mechanism [to be established by the Conference]]",
                 "through a review mechanism to be established by the Conference")],
            5: [(", unless a State Party objects.", ", in accordance with the rules of procedure adopted by the Conference.")],
        },
    ),
    dict(
        key="secretariat", chapter="VIII", heading="Secretariat",
        text={1: """
1. Secretariat services for the Conference of the States Parties shall be provided by the Secretary-General of the United Nations.
2. The secretariat shall:
(a) Support the Conference in the activities set out in article {art:conference} and organize and service its sessions;
(b) Help States Parties, when they so request, to provide information to the Conference;
(c) Coordinate as necessary with the secretariats of relevant international and regional organizations.
"""},
        edits={2: [("by the Secretary-General of the United Nations.",
                    "by the Secretary-General of the United Nations, through the United Nations Office on Drugs and Crime.")]},
    ),
    # ---------------------------------------------------------- Chapter IX
    dict(
        key="implementation", chapter="IX", heading="Implementation of the Convention",
        text={1: """
1. In accordance with the fundamental principles of its domestic law, each State Party shall take the measures needed, legislative, administrative or other, to carry out its obligations under this Convention.
2. A State Party may go further than this Convention requires, adopting stricter or more severe measures to prevent and combat the offences established in accordance with it.
"""},
        edits={
            2: [("the offences established in accordance with it.",
                 "the offences established in accordance with it, provided that such measures are consistent with its obligations under international law, including international human rights law.")],
            3: [("including international human rights law.", "[including international human rights law].")],
            4: [(", [including international human rights law].", ".")],
            5: [NECESSARY],
        },
    ),
    dict(
        key="effects", chapter="IX", heading="Effects of the Convention",
        text={1: """
1. This Convention is without prejudice to any other rights, obligations and responsibilities that States Parties have under international law.
2. States Parties that have concluded, or that later conclude, agreements or treaties on the matters dealt with in this Convention, or that have otherwise established their relations on such matters, may apply those agreements or treaties or regulate those relations accordingly, provided that they do so in a manner consistent with the objectives and principles of this Convention.
3. [Nothing in this Convention shall prevent a State Party from cooperating with another State on the basis of regional instruments to which it is a party.]
"""},
        edits={2: [("\n3. [Nothing in this Convention shall prevent a State Party from cooperating with another State on the basis of regional instruments to which it is a party.]", "")]},
    ),
    dict(
        key="relation_protocols", chapter="IX", heading="Relation with protocols",
        text={5: """
1. One or more protocols may supplement this Convention.
2. Only a State or regional economic integration organization that is a party to this Convention may become a party to a protocol.
3. No State Party to this Convention is bound by a protocol unless it has become a party to that protocol in accordance with its terms.
4. A protocol shall be read together with this Convention, in the light of the protocol’s own purpose.
"""},
    ),
    dict(
        key="supplementary_protocols", chapter="IX", heading="Adoption of supplementary protocols",
        text={4: """
1. The Conference of the States Parties may adopt supplementary protocols to this Convention. At least sixty States Parties must be represented at a session of the Conference at which a supplementary protocol is adopted.
2. The States Parties shall strive to adopt each supplementary protocol by consensus. Only where that proves impossible may a protocol be adopted, as a last resort, by a two-thirds majority of the States Parties present and voting at the session concerned.
3. A State Party may propose a supplementary protocol by submitting its text to the Secretary-General of the United Nations, who shall communicate it to the States Parties at least [ninety][one hundred and eighty] days before the session of the Conference at which it is to be considered.
"""},
        edits={5: [("[ninety][one hundred and eighty]", "one hundred and eighty")]},
        notes={4: [("at which it is to be considered.",
                    "This article reflects what delegations called the ‘protocol compromise’, reached at the resumed session on the possible negotiation of additional protocols, including on further offences.")]},
    ),
    dict(
        key="disputes", chapter="IX", heading="Settlement of disputes",
        text={1: """
1. States Parties shall seek to resolve any dispute about the interpretation or application of this Convention by negotiation or by other peaceful means of their choice.
2. A dispute between two or more States Parties about the interpretation or application of this Convention that is not resolved by negotiation within a reasonable period shall be referred to arbitration at the request of any of them. If those States Parties have not agreed on how the arbitration is to be organized within six months of the request, any of them may bring the dispute before the International Court of Justice by application under the Statute of the Court.
3. When it signs, ratifies, accepts or approves this Convention or accedes to it, a State Party may declare that it does not consider itself bound by paragraph 2. Paragraph 2 shall then not apply between that State Party and the other States Parties.
4. A State Party that has made such a declaration may withdraw it at any time by notice to the Secretary-General of the United Nations.
"""},
    ),
    dict(
        key="signature", chapter="IX", heading="Signature, ratification, acceptance, approval and accession",
        text={1: """
1. All States may sign this Convention at [venue to be determined] and, thereafter, at United Nations Headquarters in New York until [date].
2. Regional economic integration organizations may also sign this Convention, on condition that at least one of their member States has signed it.
3. This Convention requires ratification, acceptance or approval, the instruments of which shall be lodged with the Secretary-General of the United Nations. A regional economic integration organization may lodge such an instrument once at least one of its member States has done so, and shall state in it the scope of its competence in the matters governed by this Convention.
4. Any State, and any regional economic integration organization at least one member State of which is a party to this Convention, may accede to it by lodging an instrument of accession with the Secretary-General of the United Nations.
"""},
        edits={
            4: [("[venue to be determined]", "[venue to be determined] in 2025")],
            5: [("at [venue to be determined] in 2025 and, thereafter, at United Nations Headquarters in New York until [date].",
                 "at a signing conference to be held in 2025 and, thereafter, at United Nations Headquarters in New York until 31 December 2026.")],
        },
    ),
    dict(
        key="entry_force", chapter="IX", heading="Entry into force",
        text={1: """
1. This Convention shall enter into force ninety days after the [thirtieth][fortieth] instrument of ratification, acceptance, approval or accession has been deposited. Instruments deposited by a regional economic integration organization shall not count in addition to those of its member States for this purpose.
2. For a State or regional economic integration organization that becomes a party after that instrument has been deposited, this Convention shall enter into force thirty days after it deposits its own instrument, or on the date on which the Convention enters into force under paragraph 1, if that is later.
"""},
        edits={3: [("[thirtieth][fortieth]", "fortieth")]},
    ),
    dict(
        key="amendment", chapter="IX", heading="Amendment",
        text={1: """
1. Once five years have passed since this Convention entered into force, any State Party may submit a proposed amendment to the Secretary-General of the United Nations, who shall circulate it to the States Parties and to the Conference of the States Parties for consideration and decision. The Conference shall seek to adopt each amendment by consensus; where every effort to reach consensus has failed, an amendment may be adopted, as a last resort, by a two-thirds majority of the States Parties present and voting at the meeting.
2. Amendments adopted under paragraph 1 require ratification, acceptance or approval by the States Parties.
3. For each State Party, an amendment shall take effect ninety days after that State Party has deposited its instrument of ratification, acceptance or approval of it.
4. An amendment in force binds only the States Parties that have consented to be bound by it; every other State Party continues to be bound by this Convention as it stood, together with any earlier amendment it has accepted.
"""},
    ),
    dict(
        key="denunciation", chapter="IX", heading="Denunciation",
        text={1: """
1. A State Party may denounce this Convention by written notice addressed to the Secretary-General of the United Nations. The denunciation takes effect one year after the notice is received.
2. A regional economic integration organization ceases to be a party to this Convention once every one of its member States has denounced it.
"""},
        edits={4: [("once every one of its member States has denounced it.",
                    "once every one of its member States has denounced it.\n3. Denunciation of this Convention in accordance with paragraph 1 shall entail the denunciation of any protocol to it.")]},
    ),
    dict(
        key="depositary", chapter="IX", heading="Depositary and languages",
        text={1: """
1. The depositary of this Convention shall be the Secretary-General of the United Nations.
2. The Arabic, Chinese, English, French, Russian and Spanish texts of this Convention are equally authentic; the original shall be lodged with the Secretary-General of the United Nations.
"""},
        edits={5: [("with the Secretary-General of the United Nations.",
                    "with the Secretary-General of the United Nations.\n3. In witness whereof, the undersigned, duly authorized for that purpose by their Governments, have signed this Convention.")]},
    ),
]
