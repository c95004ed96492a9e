"""Demo treaty text, part 1: preamble and Chapters I to III.

Data for build_demo.py (see its docstring for the mark-up). Fictional text,
written for Travaux; drafts are numbered 1 (zero draft) to 5 (final text).
"""

# Chapter II wording harmonized in the further revised draft (draft 4).
HARMONIZE = ("when done intentionally", "when committed intentionally")

PREAMBLE = dict(
    key="preamble", chapter="", heading="Preamble",
    text={1: """
*Mindful* of the speed at which information and communications technologies have spread and of the opportunities that they open for the economic and social development of all peoples,
*Concerned* that those same technologies can be turned to criminal ends on a scale, at a speed and across distances previously unknown, causing serious harm to States, to enterprises and to the well-being of individuals and eroding trust in the digital environment,
*Noting with alarm* the growing use of [information and communications technologies][computer systems] by organized criminal groups, including to launder the proceeds of crime [and to finance terrorism],
*Convinced* that such crime is a common problem that no State can overcome alone, and that an effective response calls for cooperation between States that is timely, efficient and well coordinated,
*Recognizing* the particular needs of developing countries and the value of technical assistance and capacity-building in enabling every State to prevent, investigate and prosecute such crime,
*Recognizing also* that [national authorities and] the private sector, including service providers, have [a shared responsibility][complementary roles] in preventing and countering the misuse of information and communications technologies,
*Affirming* the sovereign equality of States and the principle of non-intervention in the internal affairs of other States,
[*Reaffirming* that States must respect, protect and fulfil human rights and fundamental freedoms, which apply online as they do offline,]
*Bearing in mind* that protecting children from sexual abuse and exploitation online demands particular vigilance and concerted action,
*Taking into account* the existing international and regional instruments on cooperation in criminal matters, in particular the United Nations Convention against Transnational Organized Crime and the United Nations Convention against Corruption,
*Determined* to deny safe haven to those who commit crime by means of information and communications technologies, by ensuring that such crime is prosecuted wherever it takes place,
*Desiring* to establish a comprehensive and universal framework to that end,
"""},
    edits={
        2: [("[information and communications technologies][computer systems]",
             "information and communications technologies"),
            ("[a shared responsibility][complementary roles]", "complementary roles"),
            ("investigate and prosecute such crime,",
             "investigate and prosecute such crime,\n*Recognizing further* the importance of integrating a gender perspective into all efforts to prevent and combat such crime, in view of the distinct ways in which it affects women and girls,"),
            ("[*Reaffirming* that States must respect, protect and fulfil human rights and fundamental freedoms, which apply online as they do offline,]",
             "*Reaffirming* that States must respect, protect and fulfil human rights and fundamental freedoms, which apply online as they do offline, including the right to privacy and the freedoms of expression, opinion, peaceful assembly and association,")],
        3: [(" [and to finance terrorism]", ""),
            ("[national authorities and] ", "national authorities and "),
            ("including the right to privacy and the freedoms of expression, opinion, peaceful assembly and association,",
             "[including the right to privacy and the freedoms of expression, opinion, peaceful assembly and association,]"),
            ("peaceful assembly and association,]",
             "peaceful assembly and association,]\n*Stressing* that measures taken under this Convention must not obstruct the legitimate activities of security researchers, journalists and human rights defenders,")],
        4: [("eroding trust", "undermining trust"),
            (" [including the right to privacy and the freedoms of expression, opinion, peaceful assembly and association,]", ""),
            ("*Stressing* that measures taken under this Convention must not obstruct the legitimate activities of security researchers, journalists and human rights defenders,",
             "*Noting* the contribution that security researchers make to the protection of information and communications technology systems,")],
        5: [("which apply online as they do offline,",
             "which apply online as they do offline, in accordance with applicable international human rights law,"),
            ("*Noting* the contribution that security researchers make to the protection of information and communications technology systems,",
             "*Stressing* that measures taken under this Convention should not obstruct the legitimate activities of security researchers and of other persons acting in good faith,"),
            ("a comprehensive and universal framework", "a comprehensive, balanced and universal framework")],
    },
    notes={2: [("peaceful assembly and association,",
                "Several delegations, including Türkiye, asked that the enumeration of rights in this paragraph be reconsidered at the next session.")]},
)

# Legal-editing pass of the final text (draft 5): "needed" becomes "necessary".
NECESSARY = ("measures needed", "measures necessary", "all")

ARTICLES = [
    # ------------------------------------------------------------ Chapter I
    dict(
        key="purpose", chapter="I", heading="Statement of purpose",
        headings={4: "Purposes"},
        text={1: """
The purposes of this Convention are:
(a) To make the prevention and suppression of [cybercrime][the criminal use of information and communications technologies] more efficient and effective;
(b) To facilitate and expand international cooperation in preventing and combating such crime[, including the gathering and sharing of evidence in electronic form];
(c) To support technical assistance and capacity-building that enable States Parties, in particular developing countries, to give effect to this Convention;
(d) [To protect users of information and communications technologies, including children, against such crime.]
"""},
        edits={
            2: [("[, including the gathering and sharing of evidence in electronic form]",
                 ", including the gathering and sharing of evidence in electronic form")],
            3: [("to give effect to this Convention;\n(d) [To protect users of information and communications technologies, including children, against such crime.]",
                 "to give effect to this Convention.")],
            4: [("[cybercrime][the criminal use of information and communications technologies]", "cybercrime")],
        },
    ),
    dict(
        key="terms", chapter="I", heading="Use of terms",
        text={1: """
For the purposes of this Convention:
(a) “Information and communications technology system” means any device, or group of connected or associated devices, at least one of which processes electronic data automatically by means of a program;
(b) “Electronic data” means any expression of facts, information or concepts in a form that an information and communications technology system can process, including a program that makes such a system carry out a function;
(c) “Traffic data” means electronic data, generated by an information and communications technology system that took part in a communication, that show the communication’s origin, destination, route, time, date, size or duration, or the type of service used;
(d) “Content data” means electronic data, other than subscriber information or traffic data, concerning the substance of a communication, including text, voice, images and video;
(e) “Service provider” means any public or private entity that enables its users to communicate by means of an information and communications technology system, or that processes or stores electronic data for such a service or its users;
(f) “Subscriber information” means information, other than traffic or content data, that a service provider holds about its subscribers and that, as far as is available under the service agreement, establishes:
    (i) The type of service used, its technical arrangements and the period of service;
    (ii) The subscriber’s identity, postal or geographical address, telephone or other access number, and billing or payment details;
    (iii) Any other information on the site where communication equipment is installed;
(g) “Personal data” means any information about a natural person who is identified or can be identified;
(h) “Serious crime” means an offence punishable by a maximum deprivation of liberty of at least [four][three] years or a more serious penalty;
(i) “Property”, “proceeds of crime”, “freezing”, “seizure”, “confiscation” and “predicate offence” have the meanings given to them in article 2 of the United Nations Convention against Transnational Organized Crime;
(j) [“Critical information infrastructure” means information and communications technology systems and electronic data essential to the functioning of the State, the economy or society.]
"""},
        edits={
            2: [("at least [four][three] years", "at least four years"),
                ("including text, voice,", "including, but not limited to, text, voice,")],
            3: [("Organized Crime;\n(j) [“Critical information infrastructure” means information and communications technology systems and electronic data essential to the functioning of the State, the economy or society.]",
                 "Organized Crime.")],
        },
    ),
    dict(
        key="scope", chapter="I", heading="Scope of application",
        text={1: """
1. Save where it provides otherwise, this Convention shall apply to the prevention, investigation and prosecution of the offences established in accordance with it, and to the freezing, seizure, confiscation and return of the proceeds of those offences.
2. This Convention shall also apply to the collection, preservation and sharing of evidence in electronic form of [any criminal offence][serious crime], as provided for in articles {art:procedural_scope} and {art:coop_general}.
3. Unless this Convention provides otherwise, it shall not be necessary, for the purposes of its implementation, that an offence established in accordance with it has caused damage or harm to persons or to property.
"""},
        edits={
            3: [("[any criminal offence][serious crime]",
                 "[serious crime][criminal offences [punishable by deprivation of liberty]]")],
            4: [("[serious crime][criminal offences [punishable by deprivation of liberty]]",
                 "serious crime[, and of other criminal offences where the States Parties concerned so agree]")],
            5: [("serious crime[, and of other criminal offences where the States Parties concerned so agree]",
                 "serious crime")],
        },
        notes={
            1: [("[any criminal offence][serious crime]",
                 "The Chair notes that delegations remained divided on whether the collection and sharing of electronic evidence should extend to all criminal offences or be confined to serious crime.")],
            3: [("[punishable by deprivation of liberty]]",
                 "Text proposed by the Chair as a possible compromise, drawing on a proposal by Côte d’Ivoire made during the informal consultations of the sixth session (New York, 21 August–1 September 2023).")],
        },
    ),
    dict(
        key="other_conventions", chapter="I",
        heading="Offences established in accordance with other United Nations conventions and protocols",
        text={3: """
1. Each State Party shall [adopt][consider adopting] such measures as may be needed to ensure that an offence which it has established in accordance with another applicable United Nations convention or protocol to which it is a party is also an offence under its domestic law when committed through the use of an information and communications technology system.
2. Nothing in this article shall be understood as creating new offences.
"""},
        edits={
            4: [("[adopt][consider adopting]", "adopt"),
                ("2. Nothing in this article shall be understood as creating new offences.",
                 "2. Nothing in this article shall be interpreted as establishing offences in addition to those already provided for in the instruments referred to in paragraph 1.")],
        },
    ),
    dict(
        key="sovereignty", chapter="I", heading="Protection of sovereignty",
        text={1: """
1. Each State Party shall carry out this Convention in full respect of the sovereign equality and territorial integrity of States and without intervening in matters that fall within the domestic affairs of other States.
2. This Convention gives no State Party the right to exercise jurisdiction, or to perform functions, in the territory of another State where the domestic law of that State reserves them exclusively to its own authorities.
3. [States Parties shall refrain from using information and communications technologies to interfere in the internal affairs of other States.]
"""},
        edits={2: [("\n3. [States Parties shall refrain from using information and communications technologies to interfere in the internal affairs of other States.]", "")]},
        notes={2: [("reserves them exclusively to its own authorities.",
                    "Paragraph 3 of the zero draft has been deleted in the light of the discussion at the fourth session.")]},
    ),
    dict(
        key="human_rights", chapter="I", heading="Respect for human rights",
        text={
            1: """
Option 1: Each State Party shall [give effect to][implement] this Convention in conformity with the obligations it has assumed under international human rights law.
Option 2: Each State Party shall, in implementing this Convention, respect and protect the human rights and fundamental freedoms of all persons[, in particular the right to privacy, freedom of expression and opinion and freedom of peaceful assembly and of association,] as set out in the international human rights instruments to which it is a party. [No provision of this Convention shall be interpreted as authorizing any restriction of those rights beyond what those instruments permit.]
""",
            2: """
1. Each State Party shall implement this Convention in conformity with its obligations under international human rights law.
2. No provision of this Convention shall be interpreted as permitting the restriction or suppression of human rights or fundamental freedoms, including freedom of expression and opinion, freedom of thought, conscience and religion or belief, freedom of peaceful assembly and of association, and the right to privacy.
3. Each State Party shall ensure that any person whose rights or freedoms are violated as a result of measures taken under this Convention has access to an effective remedy.
""",
            4: """
1. Each State Party shall implement this Convention in conformity with its obligations under applicable international human rights law.
2. No provision of this Convention shall be interpreted as permitting the suppression of human rights or fundamental freedoms, in accordance with applicable domestic law.
""",
        },
        edits={
            3: [("under international human rights law.", "under [applicable] international human rights law."),
                ("2. No provision", "2. [No provision"),
                ("and the right to privacy.", "and the right to privacy.]"),
                ("has access to an effective remedy.",
                 "has access to an effective remedy[, in accordance with its domestic law].")],
            5: [("suppression of human rights or fundamental freedoms, in accordance with applicable domestic law.",
                 "suppression of human rights or fundamental freedoms, including freedom of expression and opinion, freedom of thought, conscience and religion or belief and freedom of peaceful assembly and of association, in conformity with applicable international human rights law.")],
        },
        notes={
            1: [("beyond what those instruments permit.]",
                 "Some delegations proposed deleting this article on the ground that the safeguards in chapter IV are sufficient. A proposal by Côte d’Ivoire, supported by a number of delegations, would combine elements of both options.")],
            3: [("the right to privacy.]",
                 "The Chair notes that delegations remained divided on whether paragraph 2 should list particular rights and, if so, which ones.")],
            4: [("in accordance with applicable domestic law.",
                 "Paragraph 3 of the second revised draft (effective remedy) has been deleted; see article {art:hr_investigations}.")],
            5: [("of association, in conformity with applicable international human rights law.",
                 "The Ad Hoc Committee agreed that the *travaux préparatoires* will record that the right to privacy is protected through article {art:conditions_safeguards} and the applicable international instruments.")],
        },
    ),
    # ----------------------------------------------------------- Chapter II
    dict(
        key="illegal_access", chapter="II", heading="Illegal access",
        text={1: """
1. Each State Party shall adopt the legislative and other measures needed to make it a criminal offence under its domestic law, when done intentionally and without right, to access the whole or any part of an information and communications technology system.
2. A State Party may make the offence conditional on the infringement of security measures, on an intent to obtain electronic data or [another dishonest][another criminal] intent, or on the system being connected to another system.
"""},
        edits={2: [("[another dishonest][another criminal] intent", "another dishonest or criminal intent")],
               4: [HARMONIZE],
               5: [NECESSARY]},
    ),
    dict(
        key="illegal_interception", chapter="II", heading="Illegal interception",
        text={1: """
1. Each State Party shall adopt the legislative and other measures needed to make it a criminal offence under its domestic law, when done intentionally, to intercept by technical means and without right any transmission of electronic data that is not intended for the public and that is made to, from or within an information and communications technology system, including electromagnetic emissions carrying such data.
2. A State Party may make the offence conditional on a dishonest or criminal intent, or on the system being connected to another system.
"""},
        edits={2: [("including electromagnetic emissions carrying such data",
                    "including electromagnetic emissions from such a system that carry such data")],
               4: [HARMONIZE],
               5: [NECESSARY]},
    ),
    dict(
        key="data_interference", chapter="II", heading="Interference with electronic data",
        text={1: """
1. Each State Party shall adopt the legislative and other measures needed to make it a criminal offence under its domestic law, when done intentionally and without right, to delete, damage, degrade, alter or [suppress][render inaccessible] electronic data.
2. A State Party may limit the offence to conduct that causes serious harm.
"""},
        edits={2: [("[suppress][render inaccessible]", "suppress")], 4: [HARMONIZE], 5: [NECESSARY]},
    ),
    dict(
        key="system_interference", chapter="II",
        heading="Interference with an information and communications technology system",
        text={1: """
1. Each State Party shall adopt the legislative and other measures needed to make it a criminal offence under its domestic law, when done intentionally and without right, to seriously hinder the functioning of an information and communications technology system by entering, transmitting, deleting, damaging, degrading, altering or suppressing electronic data.
2. [Where the conduct referred to in paragraph 1 is directed against critical information infrastructure, each State Party shall ensure that it is punishable by more severe sanctions.]
"""},
        edits={3: [("\n2. [Where the conduct referred to in paragraph 1 is directed against critical information infrastructure, each State Party shall ensure that it is punishable by more severe sanctions.]", "")],
               4: [HARMONIZE],
               5: [NECESSARY]},
        notes={2: [("more severe sanctions.]",
                    "A number of delegations could support this paragraph only if the term “critical information infrastructure” is defined in article {art:terms}.")]},
    ),
    dict(
        key="misuse_devices", chapter="II", heading="Misuse of devices",
        text={1: """
1. Each State Party shall adopt the legislative and other measures needed to make the following conduct a criminal offence under its domestic law, when done intentionally and without right:
(a) Making, selling, obtaining for use, importing, distributing or otherwise supplying any of the following, with intent that it be used to commit an offence established in accordance with articles {art:illegal_access} to {art:system_interference}:
    (i) A device, including a program, that has been designed or adapted mainly for the purpose of committing such an offence;
    (ii) A password, access credential or similar data by which the whole or any part of an information and communications technology system can be accessed;
(b) Possessing an item referred to in subparagraph (a) (i) or (ii), with intent that it be used to commit such an offence[, it being understood that a State Party may make liability depend on the possession of a number of such items].
2. Conduct referred to in paragraph 1 that is not aimed at committing an offence, such as the authorized testing or protection of an information and communications technology system, shall not give rise to criminal liability under this article.
3. A State Party may make a reservation excluding the application of paragraph 1, except in respect of the sale, distribution or other supply of the items referred to in paragraph 1 (a) (ii).
"""},
        edits={
            2: [("such as the authorized testing or protection",
                 "such as the authorized training, testing or protection")],
            3: [("[, it being understood that a State Party may make liability depend on the possession of a number of such items]",
                 ", it being understood that a State Party may make liability depend on the possession of a number of such items"),
                ("technology system, shall not give rise",
                 "technology system[, or security research carried out in good faith], shall not give rise")],
            4: [("[, or security research carried out in good faith]", ""), HARMONIZE],
            5: [NECESSARY, ("technology system, shall not give rise",
                 "technology system, or legitimate research, shall not give rise")],
        },
    ),
    dict(
        key="forgery", chapter="II", heading="Information and communications technology-related forgery",
        text={1: """
1. Each State Party shall adopt the legislative and other measures needed to make it a criminal offence under its domestic law, when done intentionally and without right, to enter, alter, delete or suppress electronic data so as to produce inauthentic data, intending that they be taken or used for legal purposes as if they were authentic, whether or not the data can be read and understood directly.
2. A State Party may make criminal liability conditional on an intent to defraud or a comparable dishonest intent.
"""},
        edits={4: [HARMONIZE], 5: [NECESSARY]},
    ),
    dict(
        key="theft", chapter="II", heading="Information and communications technology-related theft",
        last=1,
        text={1: """
Each State Party shall adopt the legislative and other measures needed to make it a criminal offence under its domestic law, when done intentionally and without right, to take property belonging to another person by means of an information and communications technology system, including through the [unauthorized][fraudulent] use of another person’s electronic means of payment or of electronic data relating to such means of payment.
"""},
    ),
    dict(
        key="fraud", chapter="II", heading="Information and communications technology-related fraud",
        headings={2: "Information and communications technology-related theft or fraud"},
        origin={"draft": 2, "merge": ["theft", "fraud"]},
        text={
            1: """
Each State Party shall adopt the legislative and other measures needed to make it a criminal offence under its domestic law, when done intentionally and without right, to cause another person to lose property by:
(a) Entering, altering, deleting or suppressing electronic data;
(b) Interfering with the functioning of an information and communications technology system;
(c) [Deceiving a person, by means of an information and communications technology system, as to facts that cause that person to do or refrain from doing something,]
= where the offender acts with a fraudulent or dishonest intent to obtain, without right, money or other property for himself or herself or for another person.
""",
            2: """
Each State Party shall adopt the legislative and other measures needed to make it a criminal offence under its domestic law, when done intentionally and without right, to cause another person to lose property, including through the use of that person’s electronic means of payment, by:
(a) Entering, altering, deleting or suppressing electronic data;
(b) Interfering with the functioning of an information and communications technology system;
(c) Deceiving a person, by means of an information and communications technology system, as to facts that cause that person to do or refrain from doing something [that the person would not otherwise do or refrain from doing],
= where the offender acts with a fraudulent or dishonest intent to obtain, without right, money or other property for himself or herself or for another person.
""",
        },
        edits={3: [(" [that the person would not otherwise do or refrain from doing]", "")],
               4: [HARMONIZE],
               5: [NECESSARY]},
    ),
    dict(
        key="child_material", chapter="II",
        heading="Offences related to child sexual abuse material",
        headings={2: "Offences related to online child sexual abuse or exploitation material"},
        text={1: """
1. Each State Party shall adopt the legislative and other measures needed to make the following conduct a criminal offence under its domestic law, when done intentionally and without right:
(a) Producing, offering, selling, distributing, transmitting, broadcasting, displaying, publishing or otherwise making available child sexual abuse [or exploitation] material by means of an information and communications technology system;
(b) Soliciting, procuring or accessing such material by means of an information and communications technology system;
(c) Possessing or controlling such material stored in an information and communications technology system or on any other storage medium;
(d) [Financing any of the conduct referred to in subparagraphs (a) to (c).]
2. For the purposes of this article, “child sexual abuse [or exploitation] material” shall include visual material, and may include written or audio content, that depicts, describes or represents a person under 18 years of age:
(a) Engaged in real or simulated sexual activity;
(b) In the presence of a person engaged in sexual activity;
(c) Shown with sexual parts exposed for primarily sexual purposes;
(d) Subjected to torture or cruel, inhuman or degrading treatment or punishment of a sexual nature.
3. A State Party may require that the material referred to in paragraph 2 identify or depict an existing person, or be visual material.
4. [States Parties [shall][may] take steps to exclude from criminalization conduct by children in relation to self-generated material depicting them, where such material is not shared with others and is [produced][held] with their consent.]
"""},
        edits={
            2: [("child sexual abuse [or exploitation] material by means",
                 "child sexual abuse or exploitation material by means"),
                ("“child sexual abuse [or exploitation] material”", "“child sexual abuse or exploitation material”"),
                ("4. [States Parties [shall][may] take steps", "4. States Parties shall take steps"),
                ("is [produced][held] with their consent.]", "is produced and held with their consent.")],
            3: [("4. States Parties shall take steps", "4. States Parties [shall][may] take steps"),
                ("(d) [Financing any of the conduct referred to in subparagraphs (a) to (c).]",
                 "(d) Financing any of the conduct referred to in subparagraphs (a) to (c).")],
            4: [("4. States Parties [shall][may] take steps", "4. States Parties may take steps"), HARMONIZE],
            5: [NECESSARY, ("where such material is not shared with others and is produced and held with their consent.",
                 "where such material is produced and held with their consent and solely for their own private use.")],
        },
    ),
    dict(
        key="grooming", chapter="II",
        heading="Solicitation or grooming for the purpose of committing a sexual offence against a child",
        text={1: """
1. Each State Party shall adopt the legislative and other measures needed to make it a criminal offence under its domestic law for a person, intentionally and by means of an information and communications technology system, to communicate with, solicit, groom or make any arrangement with a child for the purpose of committing a sexual offence against that child[, including the production of child sexual abuse material].
2. A State Party may require that an act be taken in furtherance of the conduct referred to in paragraph 1.
3. [A State Party may extend the criminalization in accordance with paragraph 1 to cases where the person concerned believed that the other person was a child.]
"""},
        edits={
            2: [("[, including the production of child sexual abuse material]",
                 ", including the production of child sexual abuse or exploitation material")],
            3: [("3. [A State Party may extend", "3. A State Party may extend"),
                ("the other person was a child.]", "the other person was a child.")],
            5: [NECESSARY],
        },
    ),
    dict(
        key="intimate_images", chapter="II", heading="Non-consensual dissemination of intimate images",
        text={2: """
1. Each State Party shall adopt the legislative and other measures needed to make it a criminal offence under its domestic law, when done intentionally and without right, to sell, distribute, transmit, publish or otherwise make available an intimate image of a person by means of an information and communications technology system, without the consent of the person shown in the image.
2. For the purposes of paragraph 1, “intimate image” means a photograph, video or other visual recording, made by any means, that shows a person aged 18 years or over in a sexual manner, nude or engaged in sexual activity, that was private when it was made, and in respect of which the person shown [retained][had] a reasonable expectation of privacy at the time of the offence.
3. For the purposes of this article, consent to the making of an intimate image shall not be taken to imply consent to its dissemination.
4. A State Party may make criminal liability conditional on an intent to cause harm.
"""},
        edits={
            3: [("[retained][had]", "retained")],
            4: [("on an intent to cause harm.", "on an intent to cause harm or on a reasonable expectation of harm."),
                HARMONIZE],
            5: [NECESSARY],
        },
    ),
    dict(
        key="extremism", chapter="II", heading="Extremism-related offences", last=2,
        text={
            1: """
1. [Each State Party shall adopt the legislative and other measures needed to make it a criminal offence under its domestic law to distribute or otherwise make available, by means of an information and communications technology system, material that calls for [unlawful] acts motivated by political, ideological, social, racial, ethnic or religious hatred or enmity, or that advocates or justifies such acts.]
2. [Each State Party may establish as a criminal offence the [dissemination of information][distribution of material] intended to [undermine public order][incite mass disorder] by means of an information and communications technology system.]
""",
            2: """
[Each State Party shall adopt the legislative and other measures needed to make it a criminal offence under its domestic law to distribute or otherwise make available, by means of an information and communications technology system, material that calls for [unlawful] acts motivated by political, ideological, social, racial, ethnic or religious hatred or enmity, or that advocates or justifies such acts.]
""",
        },
        notes={
            1: [("advocates or justifies such acts.]",
                 "Several delegations asked that this article be deleted as lacking legal certainty and as capable of being applied to legitimate expression. Other delegations considered it essential. It is retained in square brackets pending further consultations.")],
            2: [("advocates or justifies such acts.]",
                 "The Chair proposes the deletion of this article in the next revision unless consensus emerges on its retention.")],
        },
    ),
    dict(
        key="terrorism", chapter="II", heading="Terrorism-related offences", last=2,
        text={1: """
[Each State Party shall adopt the legislative and other measures needed to make it a criminal offence under its domestic law to use an information and communications technology system to [incite][call publicly for], recruit for, finance or otherwise support [terrorist activities][the commission of terrorist offences][, as defined under its domestic law].]
"""},
        edits={2: [("[incite][call publicly for]", "incite")]},
        notes={
            1: [("[, as defined under its domestic law].]",
                 "A number of delegations considered that this matter is adequately addressed by the international counter-terrorism instruments.")],
            2: [("[, as defined under its domestic law].]",
                 "Delegations remained divided. The Chair will hold informal consultations on whether offences established under other United Nations instruments could instead be addressed in a general provision, as proposed by Türkiye.")],
        },
    ),
    dict(
        key="copyright", chapter="II", heading="Infringement of copyright and related rights", last=1,
        text={1: """
[Each State Party shall adopt the legislative and other measures needed to make it a criminal offence under its domestic law to infringe copyright or related rights, as defined under its domestic law and pursuant to the obligations it has undertaken under the relevant international instruments, where such acts are committed wilfully, on a commercial scale and by means of an information and communications technology system.]
"""},
    ),
    dict(
        key="laundering", chapter="II", heading="Laundering of proceeds of crime",
        text={1: """
1. Each State Party shall adopt, consistently with the fundamental principles of its domestic law, the legislative and other measures needed to make the following conduct criminal offences when committed intentionally:
(a) Converting or transferring property, knowing that it is the proceeds of crime, in order to conceal or disguise its illicit origin or to help any person involved in the predicate offence to evade the legal consequences of that person’s conduct;
(b) Hiding or disguising what the property is, where it comes from or where it is located, how it has been disposed of or moved, or who owns it or holds rights in it, knowing that it is the proceeds of crime;
(c) Subject to the basic concepts of its legal system, acquiring, possessing or using property, knowing at the time of receipt that it is the proceeds of crime.
2. For the purposes of paragraph 1, each State Party shall include as predicate offences [the offences established in accordance with articles {art:illegal_access} to {art:grooming} of this Convention][all serious crimes].
3. For the purposes of this article, property shall include [virtual assets][digital assets].
"""},
        edits={
            2: [("[virtual assets][digital assets]", "virtual assets")],
            3: [("[the offences established in accordance with articles {art:illegal_access} to {art:grooming} of this Convention][all serious crimes]",
                 "the offences established in accordance with articles {art:illegal_access} to {art:intimate_images} of this Convention")],
            5: [NECESSARY],
        },
    ),
    dict(
        key="criminal_record", chapter="II", heading="Establishment of criminal record",
        moves={3: "IV"}, anchor={3: "freezing_confiscation"},
        text={1: """
Each State Party may take the legislative or other measures needed to allow account to be taken, on such terms and for such purposes as it considers appropriate, of an alleged offender’s earlier conviction in another State, so that the information can be used in criminal proceedings relating to an offence established in accordance with this Convention.
"""},
        edits={5: [NECESSARY]},
    ),
    dict(
        key="legal_persons", chapter="II", heading="Liability of legal persons",
        text={1: """
1. Consistent with its legal principles, each State Party shall take the measures needed to ensure that legal persons can be held liable for taking part in the offences established in accordance with this Convention.
2. Such liability may, in accordance with the legal principles of the State Party, be of a criminal, civil or administrative nature.
3. The liability of a legal person shall not affect the criminal liability of the natural persons who committed the offences.
4. Each State Party shall ensure, in particular, that legal persons held liable under this article face criminal or non-criminal sanctions, including monetary sanctions, that are [effective, proportionate and dissuasive][commensurate with the gravity of the offence].
"""},
        edits={2: [("[effective, proportionate and dissuasive][commensurate with the gravity of the offence]",
                    "effective, proportionate and dissuasive")],
               5: [NECESSARY]},
    ),
    dict(
        key="participation_attempt", chapter="II", heading="Participation and attempt",
        text={1: """
1. Each State Party shall make it a criminal offence under its domestic law to participate intentionally, as an accomplice, assistant or instigator, in an offence established in accordance with this Convention.
2. Each State Party [shall][may] make it a criminal offence under its domestic law to attempt intentionally to commit an offence established in accordance with this Convention.
3. [Each State Party may make it a criminal offence under its domestic law to prepare intentionally for an offence established in accordance with this Convention.]
"""},
        edits={
            2: [("[shall][may]", "may")],
            3: [("3. [Each State Party", "3. Each State Party"),
                ("to prepare intentionally for an offence established in accordance with this Convention.]",
                 "to prepare intentionally for an offence established in accordance with this Convention.")],
            4: [("to participate intentionally, as an accomplice, assistant or instigator,",
                 "to participate intentionally, whether as an accomplice, an assistant or an instigator,")],
        },
    ),
    dict(
        key="statute_limitations", chapter="II", heading="Statute of limitations",
        text={2: """
Where appropriate, each State Party shall fix under its domestic law a sufficiently long limitation period within which proceedings may be brought for any offence established in accordance with this Convention, and shall provide for a longer period, or for the suspension of the period, where the alleged offender has evaded the administration of justice.
"""},
        edits={5: [("a sufficiently long limitation period", "a long limitation period")]},
    ),
    dict(
        key="prosecution_sanctions", chapter="II", heading="Prosecution, adjudication and sanctions",
        text={1: """
1. Each State Party shall ensure that the offences established in accordance with this Convention are punishable by sanctions commensurate with their gravity.
2. Each State Party shall endeavour to ensure that any discretion conferred by its domestic law to prosecute persons for such offences is exercised in a manner that gives the fullest effect to law enforcement measures and takes due account of the need to deter those offences.
3. [Each State Party shall consider treating as aggravating circumstances the commission of such offences [against critical information infrastructure][by an organized criminal group][against a child] [or in a manner that affects a large number of victims].]
4. Each State Party shall take appropriate measures, consistent with its domestic law and with due regard for the rights of the defence, to ensure that any conditions attached to release pending trial or appeal take account of the need to secure the presence of the defendant at later stages of the proceedings.
5. The description of the offences established in accordance with this Convention, and of the defences and other legal principles that govern whether conduct is lawful, remains a matter for the domestic law of each State Party, under which such offences shall be prosecuted and punished.
6. [Each State Party shall ensure that persons prosecuted for offences established in accordance with this Convention enjoy all the rights and guarantees of a fair trial in accordance with [its domestic law][international human rights law].]
"""},
        edits={
            2: [("[against critical information infrastructure][by an organized criminal group][against a child] [or in a manner that affects a large number of victims]",
                 "by an organized criminal group[, against a child] or in a manner that affects a large number of victims"),
                ("6. [Each State Party shall ensure", "6. Each State Party shall ensure"),
                ("in accordance with [its domestic law][international human rights law].]",
                 "in accordance with international human rights law.")],
            3: [("3. [Each State Party shall consider", "3. Each State Party shall consider"),
                ("large number of victims.]", "large number of victims."),
                ("[, against a child]", ", against a child"),
                ("in accordance with international human rights law.",
                 "in accordance with [its domestic law and] [applicable] international human rights law.")],
            4: [("in accordance with [its domestic law and] [applicable] international human rights law.",
                 "in accordance with its domestic law.")],
            5: [("a fair trial in accordance with its domestic law.",
                 "a fair trial in accordance with domestic law and applicable international human rights law.")],
        },
    ),
    # ---------------------------------------------------------- Chapter III
    dict(
        key="jurisdiction", chapter="III", heading="Jurisdiction",
        text={1: """
1. Each State Party shall take the measures needed to assert its jurisdiction over the offences established in accordance with this Convention where:
(a) The offence is committed within its territory; or
(b) The offence is committed on board a vessel flying its flag, or an aircraft registered under its laws, at the time of the offence.
2. Subject to article {art:sovereignty}, a State Party may also assert its jurisdiction over any such offence where:
(a) The victim of the offence is one of its nationals;
(b) The offender is one of its nationals, or a stateless person habitually resident in its territory;
(c) The offence is directed against that State Party[ or against its critical information infrastructure]; or
(d) [The offence is committed using an information and communications technology system located in its territory, or targets electronic data stored there.]
3. For the purposes of article {art:extradition}, each State Party shall take the measures needed to assert its jurisdiction over such offences where the alleged offender is in its territory and it does not extradite that person for the sole reason that he or she is one of its nationals.
4. Each State Party may also take the measures needed to assert its jurisdiction over such offences where the alleged offender is in its territory and it does not extradite that person.
5. A State Party exercising jurisdiction under paragraph 1 or 2 that learns that other States Parties are investigating, prosecuting or trying the same conduct shall, as appropriate, consult those States Parties through its competent authorities so that their action can be coordinated.
6. Subject to the rules of general international law, a State Party remains free to exercise any criminal jurisdiction that it has established under its domestic law.
"""},
        edits={3: [("habitually resident in its territory;", "habitually resident in its territory; or"),
                   ("(c) The offence is directed against that State Party[ or against its critical information infrastructure]; or\n(d) [The offence is committed using an information and communications technology system located in its territory, or targets electronic data stored there.]",
                    "(c) The offence is directed against that State Party.")],
               5: [NECESSARY]},
        notes={3: [("directed against that State Party.",
                    "Subparagraph 2 (d) of the first revised draft has been deleted. A number of delegations, including Côte d’Ivoire, wished to return to the question in a future protocol.")]},
    ),
]
