"""Demo treaty text, part 3: Chapter V (international cooperation).

Data for build_demo.py (see its docstring for the mark-up). Fictional text,
written for Travaux; drafts are numbered 1 (zero draft) to 5 (final text).
The article on personal data starts here and moves to Chapter IV in draft 4.
"""

ARTICLES = [
    dict(
        key="coop_general", chapter="V", heading="General principles of international cooperation",
        text={1: """
1. States Parties shall cooperate with one another, in accordance with this Convention, with other applicable international instruments and with their domestic law, in investigations, prosecutions and judicial proceedings concerning the offences established in accordance with this Convention, and in the collection, preservation and sharing of evidence in electronic form of [any criminal offence][serious crime].
2. Where dual criminality is required for international cooperation, it shall be regarded as satisfied if the conduct underlying the offence for which assistance is sought is a criminal offence under the laws of both States Parties, whether or not those laws place the offence in the same category or use the same term to describe it.
3. [A State Party may refuse to cooperate where it has substantial grounds for believing that the request has been made for the purpose of prosecuting or punishing a person on account of that person’s [sex][gender], race, language, religion, nationality, ethnic origin or political opinions.]
"""},
        edits={
            2: [("3. [A State Party may refuse", "3. A State Party may refuse"),
                ("ethnic origin or political opinions.]",
                 "ethnic origin or political opinions, or that compliance with the request would prejudice that person’s position for any of those reasons.\n4. States Parties shall consider assisting one another in investigations and proceedings in civil and administrative matters relating to the offences established in accordance with this Convention, as appropriate and consistently with their domestic legal systems.")],
            3: [("[any criminal offence][serious crime]", "serious crime")],
            4: [("3. A State Party may refuse to cooperate where it has substantial grounds",
                 "3. No provision of this Convention requires a State Party to cooperate where it has substantial grounds"),
                ("[sex][gender]", "sex")],
            5: [("as appropriate and consistently with", "where appropriate and consistent with")],
        },
    ),
    dict(
        key="data_protection", chapter="V", heading="Protection of personal data",
        headings={4: "Transfer of personal data", 5: "Protection of personal data"},
        moves={4: "IV"}, anchor={4: "hr_investigations"},
        text={
            1: """
1. Option 1: A State Party that transfers personal data in accordance with this Convention [shall][may] do so subject to its domestic law[ and to its obligations under applicable international law].
Option 2: States Parties shall transfer personal data under this Convention only where the receiving State Party ensures a level of protection of such data that is [equivalent][comparable] to that afforded by the transferring State Party.
2. States Parties may agree on additional conditions for the use of personal data transferred under this Convention, including through bilateral or multilateral arrangements.
""",
            2: """
1. A State Party that transfers personal data in accordance with this Convention shall do so subject to its domestic law and to its obligations under applicable international law, including international human rights law. No State Party shall be required to transfer personal data where the data cannot be provided in compliance with its laws on the protection of personal data.
2. Where personal data cannot be transferred in accordance with paragraph 1, the States Parties concerned may seek to agree on appropriate conditions under which the transfer may take place in accordance with their applicable laws.
3. Each State Party shall ensure that personal data received in accordance with this Convention are subject to effective and appropriate safeguards, including purpose limitation, storage limitation, data security and independent oversight, and that the persons concerned have access to effective remedies.
4. A State Party that has received personal data in accordance with this Convention may transfer them to a third country or an international organization only with the prior written authorization of the State Party that transferred them.
""",
            4: """
1. Each State Party shall process personal data obtained through the powers and procedures provided for in this chapter in accordance with its domestic law.
2. A State Party that transfers personal data in accordance with this Convention shall do so subject to its domestic law and to its obligations under applicable international law. No State Party shall be required to transfer personal data where the data cannot be provided in compliance with its laws on the protection of personal data.
3. Where personal data cannot be transferred in accordance with paragraph 2, the States Parties concerned may seek to agree on appropriate conditions under which the transfer may take place in accordance with their applicable laws.
4. Each State Party shall endeavour to ensure that personal data received in accordance with this Convention are subject to appropriate safeguards under its legal framework.
5. A State Party that has received personal data in accordance with this Convention may transfer them to a third country or an international organization only with the prior authorization of the State Party that transferred them.
""",
        },
        edits={
            3: [("including international human rights law.", "[including international human rights law]."),
                ("are subject to effective and appropriate safeguards, including purpose limitation, storage limitation, data security and independent oversight, and that the persons concerned have access to effective remedies.",
                 "are subject to [effective and appropriate] safeguards[, including purpose limitation, storage limitation, data security and independent oversight,] and that the persons concerned have access to [effective] remedies.")],
            5: [("4. Each State Party shall endeavour to ensure that personal data received in accordance with this Convention are subject to appropriate safeguards under its legal framework.",
                 "4. Each State Party shall ensure that personal data received in accordance with this Convention are subject to effective and appropriate safeguards under its legal framework, including with regard to the rights of the persons concerned."),
                ("prior authorization", "prior written authorization")],
        },
        notes={
            1: [("afforded by the transferring State Party.",
                 "Option 2 reflects a proposal by Türkiye and other delegations. Some delegations proposed a separate chapter on the protection of personal data; the Chair has not retained that proposal at this stage.")],
            3: [("access to [effective] remedies.",
                 "The Chair notes that delegations remained divided on the reference to international human rights law in paragraph 1 and on the list of safeguards in paragraph 3.")],
            4: [("in accordance with its domestic law.",
                 "This article, formerly in chapter V, has been moved to chapter IV at the request of several delegations so that it also covers data obtained domestically.")],
            5: [("including with regard to the rights of the persons concerned.",
                 "Interpretative notes on this article, including on the meaning of “effective and appropriate safeguards”, will be included in the *travaux préparatoires*.")],
        },
    ),
    dict(
        key="extradition", chapter="V", heading="Extradition",
        text={1: """
1. This article applies to the offences established in accordance with this Convention where the person sought is in the territory of the requested State Party, provided that the offence is punishable under the domestic law of both the requesting and the requested State Party [by deprivation of liberty for a maximum of at least one year][as a serious crime].
2. Each offence to which this article applies shall be treated as an extraditable offence in any extradition treaty in force between States Parties, and shall be included as such in every extradition treaty concluded between them.
3. A State Party that makes extradition conditional on the existence of a treaty may, on receiving a request from a State Party with which it has no such treaty, regard this Convention as the legal basis for extradition in respect of any offence to which this article applies.
4. A State Party that does not extradite an alleged offender found in its territory solely because that person is one of its nationals shall, at the request of the State Party seeking extradition, submit the case without undue delay to its competent authorities for prosecution.
5. Any person against whom proceedings are brought in connection with an offence to which this article applies shall be guaranteed fair treatment at every stage, including all the rights and guarantees provided by the domestic law of the State Party in whose territory that person is present[ and by applicable international human rights law].
6. Nothing in this Convention obliges a State Party to extradite a person where it has substantial grounds for believing that the request was made in order to prosecute or punish that person on account of [his or her][that person’s] sex, race, language, religion, nationality, ethnic origin or political opinions, or that compliance with the request would prejudice that person’s position for any of those reasons.
7. Before refusing extradition, the requested State Party shall, where appropriate, consult the requesting State Party and give it ample opportunity to present its views.
"""},
        edits={
            2: [("[by deprivation of liberty for a maximum of at least one year][as a serious crime]",
                 "by deprivation of liberty for a maximum of at least one year")],
            3: [("[ and by applicable international human rights law]", " and by applicable international human rights law"),
                ("[his or her][that person’s]", "that person’s")],
            4: [(" and by applicable international human rights law", "")],
            5: [("in whose territory that person is present.",
                 "in whose territory that person is present, consistent with that State Party’s obligations under international law.")],
        },
    ),
    dict(
        key="transfer_sentenced", chapter="V", heading="Transfer of sentenced persons",
        text={2: """
States Parties may consider making bilateral or multilateral agreements or arrangements so that persons sentenced to imprisonment or other deprivation of liberty for offences established in accordance with this Convention can be transferred to their territory to complete their sentences.
"""},
        edits={4: [("to complete their sentences.",
                    "to complete their sentences, with due regard to the rights of the sentenced persons and to their consent where domestic law so requires.")]},
    ),
    dict(
        key="transfer_proceedings", chapter="V", heading="Transfer of criminal proceedings",
        text={3: """
States Parties shall consider transferring to one another proceedings for the prosecution of an offence established in accordance with this Convention where doing so serves the proper administration of justice, particularly where several jurisdictions are involved and a transfer would allow the prosecution to be concentrated in one of them.
"""},
    ),
    dict(
        key="mla_general", chapter="V",
        heading="General principles and procedures relating to mutual legal assistance",
        text={1: """
1. States Parties shall give one another the widest possible mutual legal assistance in investigations, prosecutions and judicial proceedings relating to the offences established in accordance with this Convention, and in collecting evidence in electronic form of [any criminal offence][serious crime].
2. Mutual legal assistance may be requested for any of the following purposes:
(a) Taking evidence or statements from persons;
(b) Serving judicial documents;
(c) Carrying out searches, seizures and freezing;
(d) Searching or otherwise accessing, seizing or otherwise securing, and disclosing electronic data stored by means of an information and communications technology system;
(e) Collecting traffic data or content data in real time;
(f) Examining objects and sites;
(g) Supplying information, evidentiary items and expert evaluations;
(h) Identifying or tracing proceeds of crime, property or instrumentalities for evidentiary purposes;
(i) Any other kind of assistance not contrary to the domestic law of the requested State Party.
3. Each State Party shall designate a central authority responsible for receiving requests for mutual legal assistance and empowered either to execute them or to pass them to the competent authorities for execution.
4. Requests shall be made in writing, or by any means producing a written record, in a language acceptable to the requested State Party. In urgent cases, and where the States Parties concerned agree, a request may be made orally but shall be confirmed in writing without delay.
5. Mutual legal assistance may be refused:
(a) If the request does not conform to this article;
(b) If the requested State Party considers that executing the request is likely to prejudice its sovereignty, security, *ordre public* or other essential interests;
(c) [If the requested State Party has substantial grounds for believing that the request was made in order to prosecute or punish a person on account of that person’s sex, race, language, religion, nationality, ethnic origin or political opinions;]
(d) [If the request concerns an offence that the requested State Party regards as a political offence.]
6. Any refusal of mutual legal assistance shall be accompanied by reasons.
"""},
        edits={
            2: [("(c) [If the requested", "(c) If the requested"), ("or political opinions;]", "or political opinions;")],
            3: [("or political opinions;\n(d) [If the request concerns an offence that the requested State Party regards as a political offence.]",
                 "or political opinions."),
                ("[any criminal offence][serious crime]", "serious crime")],
            4: [("(c) If the requested State Party has substantial grounds for believing",
                 "(c) If the requested State Party has substantial grounds, in accordance with its domestic law, for believing")],
            5: [("shall be accompanied by reasons.",
                 "shall be accompanied by reasons, after consultation on whether assistance may be granted subject to conditions.")],
        },
    ),
    dict(
        key="network_247", chapter="V", heading="24/7 network",
        text={1: """
1. Each State Party shall designate a point of contact that can be reached at any hour of any day, in order to provide immediate assistance in specific criminal investigations, prosecutions or judicial proceedings concerning the offences established in accordance with this Convention, or in the collection of evidence in electronic form of a criminal offence.
2. Each State Party shall notify the Secretary-General of the United Nations of its point of contact, and the Secretary-General shall maintain a register of the points of contact so designated and keep it up to date.
3. The assistance referred to in paragraph 1 shall consist in facilitating the following measures or, where the domestic law and practice of the State Party allow, carrying them out directly:
(a) Technical advice;
(b) The preservation of stored electronic data under articles {art:intl_preservation} and {art:intl_traffic_disclosure};
(c) The gathering of evidence, the supply of legal information and the locating of suspects[;
(d) The provision of electronic data to avert an emergency].
4. Each State Party shall ensure that its point of contact is able to communicate with the point of contact of another State Party on an expedited basis and, where it is not part of the authority responsible for mutual legal assistance, that it can coordinate with that authority without delay.
5. Each State Party shall staff its point of contact with trained and properly equipped personnel.
"""},
        edits={
            2: [("locating of suspects[;", "locating of suspects;"),
                ("avert an emergency].", "avert an emergency."),
                ("a register of the points of contact so designated", "a register, accessible to all States Parties, of the points of contact so designated")],
            3: [("locating of suspects;\n(d) The provision of electronic data to avert an emergency.", "locating of suspects.")],
        },
        notes={3: [("locating of suspects.",
                    "Subparagraph (d) of the first revised draft has been deleted in the absence of agreement on a definition of “emergency”.")]},
    ),
    dict(
        key="intl_preservation", chapter="V",
        heading="International cooperation for the purpose of expedited preservation of stored electronic data",
        text={1: """
1. A State Party that intends to request mutual legal assistance for the search or similar access, seizure or similar securing, or disclosure of electronic data stored by means of an information and communications technology system in the territory of another State Party may ask that other State Party to order or otherwise secure the prompt preservation of those data.
2. A request for preservation shall specify:
(a) The authority seeking the preservation;
(b) The offence under investigation or prosecution and a brief summary of the related facts;
(c) The stored electronic data to be preserved and their connection to the offence;
(d) Any available information identifying the custodian of the data or the location of the information and communications technology system;
(e) Why preservation is necessary;
(f) That the requesting State Party intends to submit a request for mutual legal assistance.
3. On receiving the request, the requested State Party shall take all appropriate measures to preserve the specified data promptly in accordance with its domestic law. Preservation shall not be made conditional on dual criminality.
4. A State Party may refuse a request for preservation where it considers that executing the request is likely to prejudice its sovereignty, security, *ordre public* or other essential interests.
5. Preservation effected in response to a request shall be for a period of not less than [60][90] days, so that the requesting State Party can submit a request for the search, seizure or disclosure of the data.
"""},
        edits={
            2: [("[60][90] days", "60 days")],
            3: [("conditional on dual criminality.",
                 "conditional on dual criminality[, except where the requested State Party has reason to believe that dual criminality will not be satisfied at the time of disclosure].")],
            4: [("[, except where", ", except where"), ("at the time of disclosure].", "at the time of disclosure.")],
        },
    ),
    dict(
        key="intl_traffic_disclosure", chapter="V",
        heading="International cooperation for the purpose of expedited disclosure of preserved traffic data",
        text={
            1: """
If, while carrying out a request under article {art:intl_preservation} to preserve traffic data on a particular communication, the requested State Party finds that a service provider in another State was involved in transmitting it, the requested State Party shall without delay give the requesting State Party enough traffic data to identify that service provider and the path taken by the communication. Disclosure may be withheld only where the request concerns a political offence or where disclosure is likely to prejudice the sovereignty, security, *ordre public* or other essential interests of the requested State Party.
""",
            2: """
1. If, while carrying out a request under article {art:intl_preservation} to preserve traffic data on a particular communication, the requested State Party finds that a service provider in another State was involved in transmitting it, the requested State Party shall without delay give the requesting State Party enough traffic data to identify that service provider and the path taken by the communication.
2. Disclosure under paragraph 1 may be withheld only where the request concerns a political offence or where disclosure is likely to prejudice the sovereignty, security, *ordre public* or other essential interests of the requested State Party.
""",
        },
        edits={3: [("only where the request concerns a political offence or where disclosure", "only where disclosure")]},
    ),
    dict(
        key="intl_access_stored", chapter="V",
        heading="Mutual legal assistance in accessing stored electronic data",
        text={1: """
1. Any State Party may ask another State Party to search or otherwise access, to seize or otherwise secure, and to disclose electronic data that are stored by means of an information and communications technology system in the territory of the requested State Party, including data preserved under article {art:intl_preservation}.
2. The requested State Party shall deal with the request under the international instruments and laws referred to in article {art:coop_general} and under the other relevant provisions of this chapter.
3. The request shall be dealt with promptly where the data concerned are likely to be lost or modified, or where those instruments or laws provide for expedited cooperation in any event.
"""},
    ),
    dict(
        key="intl_realtime", chapter="V",
        heading="Mutual legal assistance in the real-time collection of traffic data",
        text={2: """
1. States Parties shall endeavour to help one another to collect, in real time, traffic data associated with specified communications in their territory that are transmitted by means of an information and communications technology system. Except as provided in paragraph 2, the conditions and procedures of domestic law shall govern such assistance.
2. At a minimum, each State Party shall endeavour to give such assistance for criminal offences in respect of which real-time collection of traffic data would be possible in a comparable domestic case.
3. A request under paragraph 1 shall specify the requesting authority, a summary of the main facts and of the investigation to which it relates, the data to be collected and their connection to the offence, any available information identifying the owner or user of the data or the location of the system, the reasons why the collection is needed and the period for which collection is sought.
"""},
        edits={3: [("the period for which collection is sought.",
                    "the period for which collection is sought[, which shall be no longer than necessary].")],
               4: [("[, which shall be no longer than necessary]", "")]},
    ),
    dict(
        key="intl_interception", chapter="V",
        heading="Mutual legal assistance in the interception of content data",
        text={2: """
States Parties shall endeavour, as far as the treaties applicable to them and their domestic law allow, to help one another to collect or record in real time the content data of specified communications transmitted by means of an information and communications technology system.
"""},
        edits={3: [("communications technology system.",
                    "communications technology system[, subject to the conditions and safeguards provided for in article {art:conditions_safeguards}].")],
               4: [("[, subject to the conditions and safeguards provided for in article {art:conditions_safeguards}]", "")]},
    ),
    dict(
        key="le_cooperation", chapter="V", heading="Law enforcement cooperation",
        text={1: """
1. States Parties shall work closely together, within the limits of their respective domestic legal and administrative systems, to make law enforcement action against the offences established in accordance with this Convention more effective. In particular, each State Party shall take effective measures:
(a) To strengthen and, where needed, create channels of communication between their competent authorities that allow information on all aspects of such offences to be exchanged securely and rapidly;
(b) To cooperate in inquiries into the identity, whereabouts and activities of persons suspected of involvement in such offences, and into the movement of proceeds of crime and of property or instrumentalities used in committing them;
(c) To supply, where appropriate, items or data needed for analysis or investigation;
(d) To share information on the means and methods used to commit such offences, including false identities, altered or forged documents and other ways of concealing activities;
(e) To coordinate effectively between their competent authorities and to promote exchanges of personnel and other experts, including the posting of liaison officers;
(f) To share information and coordinate administrative and other measures with a view to detecting such offences early.
2. To give effect to this Convention, States Parties shall consider concluding bilateral or multilateral agreements or arrangements for direct cooperation between their law enforcement agencies.
"""},
        edits={
            3: [("to be exchanged securely and rapidly;",
                 "to be exchanged securely and rapidly[, with due regard to article {art:data_protection}];")],
            4: [("[, with due regard to article {art:data_protection}]", "")],
        },
    ),
    dict(
        key="joint_investigations", chapter="V", heading="Joint investigations",
        text={1: """
States Parties shall consider making bilateral or multilateral agreements or arrangements that allow their competent authorities to set up joint investigative teams for matters under investigation, prosecution or trial in one or more States. Failing such an agreement or arrangement, a joint investigation may be agreed case by case. The States Parties taking part shall ensure full respect for the sovereignty of the State Party in whose territory the investigation is conducted.
"""},
    ),
    dict(
        key="direct_providers", chapter="V", heading="Direct cooperation with service providers", last=2,
        text={1: """
1. [Each State Party shall adopt the measures needed to empower its competent authorities to issue an order directly to a service provider in the territory of another State Party for the disclosure of [specified subscriber information][specified stored electronic data] in that service provider’s possession or control.]
2. [Each State Party shall adopt the measures needed to permit a service provider in its territory to disclose such information in response to an order issued under paragraph 1[, after notification of the State Party in whose territory the service provider is located].]
"""},
        edits={2: [("[specified subscriber information][specified stored electronic data]", "specified subscriber information")]},
        notes={
            1: [("possession or control.]",
                 "Delegations remained divided on whether such direct cooperation is compatible with article {art:sovereignty}.")],
            2: [("the service provider is located].]",
                 "The Chair proposes to delete this article unless agreement on its scope is reached at the sixth session.")],
        },
    ),
    dict(
        key="spontaneous_info", chapter="V", heading="Spontaneous information",
        text={4: """
1. A State Party may, without prior request and within the limits of its domestic law, forward to another State Party information obtained in the course of its own investigations where it considers that the information might assist the receiving State Party in initiating or carrying out investigations or proceedings concerning offences established in accordance with this Convention.
2. Before providing such information, the providing State Party may ask that it be kept confidential or used only on certain conditions. The receiving State Party shall comply with such a request or, if it cannot do so, shall inform the providing State Party without delay.
"""},
    ),
    dict(
        key="confiscation_coop", chapter="V", heading="International cooperation for purposes of confiscation",
        text={1: """
1. Where a State Party with jurisdiction over an offence established in accordance with this Convention asks another State Party to confiscate proceeds of crime, property, equipment or other instrumentalities referred to in article {art:freezing_confiscation} that are located in the territory of the latter, the requested State Party shall, as far as its domestic legal system permits:
(a) Refer the request to its competent authorities so that a confiscation order may be obtained and, if one is made, enforce it; or
(b) Refer to its competent authorities, for enforcement to the extent requested, a confiscation order made by a court in the territory of the requesting State Party.
2. At the request of a State Party with jurisdiction over such an offence, the requested State Party shall take steps to identify, trace and freeze or seize the items referred to in paragraph 1 so that they may eventually be confiscated.
3. Nothing in this article shall prejudice the rights of third parties acting in good faith.
"""},
        edits={4: [("proceeds of crime, property, equipment", "proceeds of crime, including virtual assets, property, equipment")]},
    ),
    dict(
        key="return_disposal", chapter="V",
        heading="Return and disposal of confiscated proceeds of crime or property",
        text={1: """
1. A State Party shall dispose of proceeds of crime or property that it has confiscated under article {art:freezing_confiscation} or {art:confiscation_coop} in accordance with its domestic law and administrative procedures.
2. Where it acts on another State Party’s request under article {art:confiscation_coop}, a State Party shall, if asked and as far as its domestic law permits, consider as a priority returning the confiscated proceeds or property to the requesting State Party, so that the victims can be compensated or the proceeds or property restored to their rightful owners.
3. [States Parties may give special consideration to contributing part of the confiscated proceeds to the United Nations for the purpose of funding technical assistance under this Convention.]
"""},
        edits={2: [("3. [States Parties", "3. States Parties"), ("under this Convention.]", "under this Convention.")]},
    ),
]
