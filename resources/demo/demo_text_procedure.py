"""Demo treaty text, part 2: Chapter IV (procedural measures and law enforcement).

Data for build_demo.py (see its docstring for the mark-up). Fictional text,
written for Travaux; drafts are numbered 1 (zero draft) to 5 (final text).
The safeguards articles carry the main human-rights story of the dossier.
"""

# Legal-editing pass of the final text (draft 5): "needed" becomes "necessary".
NECESSARY = ("measures needed", "measures necessary", "all")

ARTICLES = [
    dict(
        key="procedural_scope", chapter="IV", heading="Scope of procedural measures",
        text={1: """
1. Each State Party shall take the legislative and other measures needed to provide for the powers and procedures set out in this chapter, for use in specific criminal investigations or proceedings, subject to article {art:conditions_safeguards}.
2. Except as otherwise provided in this Convention, each State Party shall apply the powers and procedures referred to in paragraph 1 to:
(a) The criminal offences established in accordance with this Convention;
(b) Other criminal offences committed by means of an information and communications technology system; and
(c) The collection of evidence in electronic form of [any criminal offence][serious crime].
3. Each State Party may, by a reservation, confine the measures referred to in article {art:realtime_traffic} to the offences or categories of offences that it specifies, provided that those offences or categories are no narrower than the range of offences to which it applies the measures referred to in article {art:interception_content}.
"""},
        edits={
            3: [("subject to article {art:conditions_safeguards}.",
                 "subject to articles {art:conditions_safeguards} and {art:hr_investigations}.")],
            4: [("[any criminal offence][serious crime]", "any criminal offence")],
            5: [NECESSARY],
        },
    ),
    dict(
        key="conditions_safeguards", chapter="IV", heading="Conditions and safeguards",
        text={
            1: """
1. Each State Party shall make the powers and procedures provided for in this chapter, in their establishment, implementation and application, subject to conditions and safeguards laid down in its domestic law[, which shall secure the protection of human rights [and fundamental freedoms] [consistent with its obligations under international human rights law]].
2. Depending on the nature of the power or procedure concerned, those conditions and safeguards [shall][may] include [judicial or other independent review,] a statement of the grounds on which the power or procedure is used, and limits on its scope and on its duration.
3. [Each State Party shall weigh how the powers and procedures provided for in this chapter affect the rights, duties and legitimate interests of third parties, so far as the public interest, and in particular the proper administration of justice, allows.]
""",
            2: """
1. Each State Party shall make the powers and procedures provided for in this chapter, in their establishment, implementation and application, subject to conditions and safeguards laid down in its domestic law, which shall secure the protection of human rights and fundamental freedoms consistent with its obligations under international human rights law and shall give effect to the principles of legality, necessity and proportionality.
2. Depending on the nature of the power or procedure concerned, those conditions and safeguards shall include, *inter alia*:
(a) Prior authorization or review by a judicial or other independent authority;
(b) A statement of the grounds on which the power or procedure is used;
(c) Limits on the scope and duration of the power or procedure;
(d) The right to an effective remedy for any person whose rights have been infringed;
(e) Notification of the persons concerned, once notification would no longer jeopardize the investigation.
3. Each State Party shall weigh how the powers and procedures provided for in this chapter affect the rights, duties and legitimate interests of third parties, so far as the public interest, and in particular the proper administration of justice, allows.
""",
            3: """
1. Each State Party shall make the powers and procedures provided for in this chapter, in their establishment, implementation and application, subject to conditions and safeguards laid down in its domestic law, which shall secure the protection of human rights and fundamental freedoms consistent with its obligations under [applicable] international human rights law and shall give effect to the principles of legality, necessity [and proportionality].
2. Depending on the nature of the power or procedure concerned, those conditions and safeguards shall include, *inter alia*:
(a) [Prior authorization or review][Review] by a judicial or other independent authority;
(b) A statement of the grounds on which the power or procedure is used;
(c) Limits on the scope and duration of the power or procedure.
""",
        },
        edits={
            4: [("[applicable] international human rights law", "applicable international human rights law"),
                ("the principles of legality, necessity [and proportionality].", "the principles of legality and necessity."),
                ("shall include, *inter alia*:", "may include, as appropriate:"),
                ("(a) [Prior authorization or review][Review] by", "(a) Review by")],
            5: [("and shall give effect to the principles of legality and necessity.",
                 "and shall give effect to the principle of proportionality."),
                ("those conditions and safeguards may include, as appropriate:",
                 "those conditions and safeguards shall, as appropriate, include, *inter alia*:"),
                ("(a) Review by a judicial or other independent authority;",
                 "(a) Judicial or other independent review;")],
        },
        notes={
            1: [("[consistent with its obligations under international human rights law]]",
                 "The Chair notes that delegations remained divided on whether the safeguards should refer to international human rights law or to domestic law alone.")],
            2: [("legality, necessity and proportionality.",
                 "Paragraph 2 (d) and (e) reflect proposals made by several delegations at the fourth session. Some delegations expressed reservations on the word “prior” in subparagraph (a).")],
            3: [("(c) Limits on the scope and duration of the power or procedure.",
                 "Former paragraph 2 (d) and (e) and paragraph 3 now appear, as amended, in article {art:hr_investigations}.")],
            5: [("the principle of proportionality.",
                 "The reference to proportionality was restored as part of the final compromise package. Several delegations stated their understanding that the principles of legality and necessity are implied by it.")],
        },
    ),
    dict(
        key="hr_investigations", chapter="IV", heading="Protection of human rights in investigations",
        headings={4: "Remedies and interests of third parties",
                  5: "Protection of human rights in investigations"},
        origin={"draft": 3, "split": "conditions_safeguards"},
        text={
            3: """
1. Each State Party shall ensure that any person whose rights have been infringed through the use of a power or procedure provided for in this chapter has access to an effective remedy.
2. Each State Party shall [ensure][endeavour to ensure] that persons whose electronic data have been obtained under this chapter are notified, once notification would no longer jeopardize the investigation or proceedings[, in accordance with its domestic law].
3. Each State Party shall weigh how the powers and procedures provided for in this chapter affect the rights, duties and legitimate interests of third parties, so far as the public interest, and in particular the proper administration of justice, allows.
""",
            4: """
1. Each State Party shall, in accordance with its domestic law, provide for remedies for persons whose rights have been infringed through the use of a power or procedure provided for in this chapter.
2. Each State Party shall weigh how the powers and procedures provided for in this chapter affect the rights, duties and legitimate interests of third parties, so far as the public interest, and in particular the proper administration of justice, allows.
""",
        },
        edits={5: [("provide for remedies for persons", "provide for effective remedies for persons")]},
        notes={4: [("provided for in this chapter.",
                    "Paragraph 2 of the second revised draft (notification) has been deleted. Several delegations regretted the deletion.")]},
    ),
    dict(
        key="preservation_stored", chapter="IV", heading="Expedited preservation of stored electronic data",
        text={1: """
1. Each State Party shall adopt the legislative and other measures needed to enable its competent authorities to order, or otherwise secure, the prompt preservation of specified electronic data stored by means of an information and communications technology system, including traffic data, in particular where there are grounds for believing that the data are especially liable to be lost or modified.
2. If a State Party implements paragraph 1 through an order requiring a person to preserve specified stored electronic data that the person possesses or controls, it shall adopt the measures needed to require that person to keep the data, with their integrity intact, for as long as is necessary — but not beyond [90][180] days — so that the competent authorities can seek their disclosure. The order may be renewable.
3. Each State Party shall take the measures needed to require the custodian, or other person charged with preserving the data, to keep confidential the fact that the preservation has been carried out, for the period provided for by its domestic law.
"""},
        edits={2: [("[90][180] days", "90 days")],
               5: [NECESSARY, ("The order may be renewable.", "The order may be renewed once.")]},
    ),
    dict(
        key="preservation_traffic", chapter="IV",
        heading="Expedited preservation and partial disclosure of traffic data",
        text={1: """
In respect of traffic data to be preserved under article {art:preservation_stored}, each State Party shall adopt the legislative and other measures needed to:
(a) Allow preservation whether the communication was transmitted by a single service provider or by several; and
(b) Ensure that its competent authority, or a person designated by that authority, promptly receives enough traffic data to identify the service providers involved and the path by which the communication travelled.
"""},
        edits={5: [NECESSARY]},
    ),
    dict(
        key="production_order", chapter="IV", heading="Production order",
        text={1: """
1. Each State Party shall adopt the legislative and other measures needed to empower its competent authorities to order:
(a) Any person in its territory to hand over specified electronic data that the person possesses or controls and that are stored in an information and communications technology system or on an electronic data storage medium; and
(b) Any service provider that offers its services in the territory of the State Party to hand over the subscriber information relating to those services that it possesses or controls.
2. [Each State Party shall adopt the measures needed to empower its competent authorities to order a service provider offering its services in its territory to submit specified electronic data stored outside that territory, where such data are in the possession or control of the service provider.]
3. The powers and procedures referred to in this article shall be subject to articles {art:procedural_scope} and {art:conditions_safeguards}.
"""},
        edits={
            3: [("2. [Each State Party shall adopt the measures needed to empower its competent authorities to order a service provider offering its services in its territory to submit specified electronic data stored outside that territory, where such data are in the possession or control of the service provider.]\n3. The powers",
                 "2. The powers"),
                ("subject to articles {art:procedural_scope} and {art:conditions_safeguards}.",
                 "subject to articles {art:procedural_scope}, {art:conditions_safeguards} and {art:hr_investigations}.")],
            5: [NECESSARY],
        },
        notes={1: [("possession or control of the service provider.]",
                    "Many delegations considered that this paragraph raises questions of sovereignty and of conflicting legal obligations for service providers.")]},
    ),
    dict(
        key="search_seizure", chapter="IV", heading="Search and seizure of stored electronic data",
        text={1: """
1. Each State Party shall adopt the legislative and other measures needed to empower its competent authorities to search or otherwise access, within its territory:
(a) An information and communications technology system, or part of one, and the electronic data stored in it; and
(b) Any medium on which electronic data may be stored.
2. Where its authorities search or otherwise access a particular system under paragraph 1 (a) and have grounds to believe that the data sought are stored in another system, or part of one, within its territory, and that those data can lawfully be reached from or are available to the first system, each State Party shall ensure that they can promptly extend the search or access to that other system.
3. Each State Party shall adopt the measures needed to empower its competent authorities to seize or otherwise secure electronic data accessed under paragraph 1 or 2. Those powers shall include the power to:
(a) Seize or otherwise secure an information and communications technology system, or part of one, or a data storage medium;
(b) Make and keep a copy of the electronic data;
(c) Preserve the integrity of the stored electronic data concerned;
(d) Make the electronic data in the accessed system inaccessible, or remove them.
4. [Each State Party shall adopt the measures needed to empower its competent authorities to order any person who knows how the system concerned functions, or how the electronic data in it are protected, to supply, as far as is reasonable, the information needed to carry out the measures referred to in this article.]
"""},
        edits={
            2: [("as far as is reasonable,", "as far as is reasonable[, without prejudice to the right not to incriminate oneself],")],
            3: [("4. [Each State Party", "4. Each State Party"),
                ("the measures referred to in this article.]", "the measures referred to in this article.")],
            4: [("[, without prejudice to the right not to incriminate oneself]", "")],
            5: [NECESSARY, ("as far as is reasonable,", "as far as is reasonable and consistent with the rights of that person under domestic law,")],
        },
    ),
    dict(
        key="realtime_traffic", chapter="IV", heading="Real-time collection of traffic data",
        text={1: """
1. Each State Party shall adopt the legislative and other measures needed to empower its competent authorities to:
(a) Collect or record in real time, by technical means applied within its territory, traffic data associated with specified communications in its territory that are transmitted by means of an information and communications technology system; and
(b) Require a service provider, within its existing technical capability, to collect or record such traffic data in real time by technical means applied within that territory, or to cooperate with and assist the competent authorities in doing so.
2. A State Party whose established legal principles prevent it from adopting the measures referred to in paragraph 1 (a) may instead adopt measures ensuring that traffic data associated with specified communications in its territory are collected or recorded in real time through technical means applied in that territory.
3. Each State Party shall take the measures needed to bind service providers to secrecy about the use of any power under this article and about any related information.
"""},
        edits={
            2: [("and about any related information.",
                 "and about any related information.\n4. Each State Party shall ensure that any collection under this article is limited in time[ and subject to prior judicial authorization].")],
            4: [("[ and subject to prior judicial authorization]", "")],
            5: [NECESSARY],
        },
    ),
    dict(
        key="interception_content", chapter="IV", heading="Interception of content data",
        text={1: """
1. Each State Party shall adopt the legislative and other measures needed, in relation to a range of [serious crimes][offences] to be determined by domestic law, to empower its competent authorities to:
(a) Collect or record in real time, by technical means applied within its territory, the content data of specified communications in its territory that are transmitted by means of an information and communications technology system; and
(b) Require a service provider, within its existing technical capability, to collect or record such content data in real time by technical means applied within that territory, or to cooperate with and assist the competent authorities in doing so.
2. A State Party whose established legal principles prevent it from adopting the measures referred to in paragraph 1 (a) may instead adopt measures ensuring that the content data of specified communications in its territory are collected or recorded in real time through technical means applied in that territory.
3. Each State Party shall take the measures needed to bind service providers to secrecy about the use of any power under this article and about any related information.
"""},
        edits={
            2: [("[serious crimes][offences]", "serious crimes")],
            3: [("and about any related information.",
                 "and about any related information.\n4. [Interception under this article shall be authorized by a judicial or other independent authority for a specified and limited period.]")],
            4: [("\n4. [Interception under this article shall be authorized by a judicial or other independent authority for a specified and limited period.]", "")],
            5: [NECESSARY],
        },
    ),
    dict(
        key="freezing_confiscation", chapter="IV",
        heading="Freezing, seizure and confiscation of the proceeds of crime",
        text={1: """
1. Each State Party shall take, to the fullest extent its domestic legal system permits, the measures needed to enable the confiscation of:
(a) Proceeds of crime derived from offences established in accordance with this Convention, or property the value of which corresponds to such proceeds;
(b) Property, equipment or other instrumentalities used or intended for use in such offences.
2. Each State Party shall take the measures needed so that any item referred to in paragraph 1 can be identified, traced, frozen or seized with a view to its eventual confiscation.
3. If proceeds of crime have been wholly or partly converted into other property, that property shall be subject to the measures referred to in this article in place of the proceeds.
4. For the purposes of this article, each State Party shall empower its courts or other competent authorities to order the production or seizure of bank, financial or commercial records, and shall not refuse to act under this paragraph on the ground of bank secrecy.
5. This article shall not be interpreted so as to prejudice the rights of third parties acting in good faith.
6. [Each State Party may consider requiring that an offender demonstrate the lawful origin of alleged proceeds of crime or other property liable to confiscation.]
"""},
        edits={
            2: [("property liable to confiscation.]",
                 "property liable to confiscation, to the extent that such a requirement is consistent with the fundamental principles of its domestic law and with the nature of judicial and other proceedings.]")],
            3: [("6. [Each State Party may consider", "6. Each State Party may consider"),
                ("judicial and other proceedings.]", "judicial and other proceedings.")],
            5: [NECESSARY],
        },
    ),
    dict(
        key="witness_protection", chapter="IV", heading="Protection of witnesses",
        text={1: """
1. Each State Party shall take appropriate measures, within its means, to protect effectively against possible retaliation or intimidation witnesses and experts who testify about offences established in accordance with this Convention and, as appropriate, their relatives and others close to them.
2. Without prejudice to the rights of the defendant, including the right to due process, the measures referred to in paragraph 1 may include:
(a) Procedures for the physical protection of those persons, including, where necessary and feasible, their relocation and restrictions on the disclosure of their identity and whereabouts;
(b) Rules of evidence that allow witnesses and experts to testify safely, for example by video link or other appropriate communications technology.
3. States Parties shall consider making agreements or arrangements with other States so that the persons referred to in paragraph 1 can be relocated.
4. Victims who testify as witnesses shall also benefit from this article.
"""},
        edits={5: [("including the right to due process", "including the right to a fair trial")]},
    ),
    dict(
        key="victims", chapter="IV", heading="Assistance to and protection of victims",
        text={1: """
1. Each State Party shall take appropriate measures, within its means, to assist and protect victims of offences established in accordance with this Convention, especially where they are threatened with retaliation or intimidation.
2. Each State Party shall establish appropriate procedures through which such victims may obtain compensation and restitution.
3. Subject to its domestic law, each State Party shall give victims the opportunity to have their views and concerns presented and taken into account at appropriate stages of criminal proceedings against offenders, without prejudice to the rights of the defence.
4. [With respect to the offences established in accordance with articles {art:child_material} and {art:grooming}, each State Party shall take into account the age, gender and particular circumstances and needs of victims, including the needs of children.]
5. [Each State Party shall [endeavour to] take steps to ensure the removal of child sexual abuse material[, and of intimate images disseminated without consent,] from information and communications technology systems in its territory.]
"""},
        edits={
            2: [("4. [With respect to the offences established in accordance with articles {art:child_material} and {art:grooming},",
                 "4. With respect to the offences established in accordance with articles {art:child_material} to {art:intimate_images},"),
                ("including the needs of children.]", "including the needs of children."),
                ("[, and of intimate images disseminated without consent,]", ", and of intimate images disseminated without consent,")],
            3: [("5. [Each State Party shall [endeavour to] take steps", "5. Each State Party shall take steps"),
                ("systems in its territory.]", "systems in its territory.")],
            4: [("5. Each State Party shall take steps", "5. Each State Party shall, in accordance with its domestic law, take steps")],
        },
    ),
]
