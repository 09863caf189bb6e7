/**
 * The sample partnership's plan.yaml, written in the seeds' style (the Thanet plans and
 * Cabinet reports): the plan's own words; render-plan fills every figure from assessment.json.
 */
export function samplePlan(): string {
  return `# yaml-language-server: $schema=../plan.schema.json
# plan.yaml: the Community Safety Plan's own words, and the covering Cabinet report's.
# Figures never go here: they come from assessment.json (csp assess); the grant is the one
# exception. Text blocks after "|" keep their paragraphs (separate them with a blank line).
# SAMPLE text, written for the generated sample partnership: illustrative, not a real plan.
# The people named are invented.

title: Thanet Community Safety Partnership Plan 2026-2029
period: April 2026 to March 2029
actionPlanYear: April 2026 to March 2027
# The date the plan and the Cabinet report carry: the day the report is published.
date: 2026-03-02

# Signed by a named person; the plan adds the headline figures and the grant beneath it.
foreword:
  author: Chief Inspector Sam Carter
  role: Chair of the Community Safety Partnership Executive Group; Thanet District Commander
  organisation: Kent Police
  text: |
    As Chair of the Thanet Community Safety Partnership Executive Group, I am pleased to
    present the Community Safety Plan for 2026 to 2029.

    Thanet is a unique place to live, work and visit: three main towns and their villages,
    miles of coastline and thousands of visitors every year. That variety brings the
    partnership real challenges as well as opportunities when we work together.

    The partnership is made up of agencies that have a statutory duty under the Crime and
    Disorder Act 1998 to work together to tackle crime and anti-social behaviour. This plan
    sets out our priorities for the next three years, what we will do under each, and how
    we will know whether it has worked. We are fully committed to making Thanet a safer
    place to live, work and visit.
  alsoSigned:
    - author: Cllr Pat Evans
      role: Cabinet Member for Community Safety
      organisation: Thanet District Council

# Further forewords, e.g. from the Violence Reduction Unit (optional).
statements:
  - title: Violence Reduction Unit
    author: Alex Morgan
    role: Director, Kent and Medway Violence Reduction Unit
    text: |
      The Violence Reduction Unit has worked closely with the partnership since it was set
      up. Street-based youth work and community sport have helped young people into positive
      activities, and we are pleased that reducing serious violence and harm remains one of
      the partnership's priorities under the Serious Violence Duty.

# The Police and Crime Commissioner's grant for the partnership's activity.
grant:
  amount: 33116
  from: the Kent Police and Crime Commissioner
  year: April 2026 to March 2027
  monitoring: |
    Spending is agreed in advance by the Executive Group, and financial monitoring is returned
    to the Office of the Police and Crime Commissioner twice a year.

about:
  area: |
    Thanet has 19 miles of coastline, the towns of Margate, Ramsgate and Broadstairs and a
    number of villages. Its beaches, Dreamland, the Turner Contemporary and the only Royal
    Harbour in the country bring thousands of visitors every year.
  partnership: |
    Section 17 of the Crime and Disorder Act 1998, as amended by the Police and Justice Act
    2006, requires the responsible authorities to consider crime and disorder (including
    anti-social behaviour), the misuse of drugs and alcohol, and reoffending in everything
    they do. The partnership assesses local needs every year and agrees a plan for how its
    members will work together to reduce them.

# Partner agencies: a name, or a name and a description.
membership:
  - name: Thanet District Council
    description: services for the people who live, work and study in Thanet
  - name: Kent Police
    description: serving and protecting the people of Kent
  - name: Kent County Council
    description: the upper tier of local government for most of Kent
  - name: Kent Fire and Rescue Service
    description: the fire and rescue service for Kent and Medway
  - name: Probation Service
    description: supervises people on community orders and licence, to protect the public and reduce reoffending
  - name: NHS Kent and Medway Integrated Care Board
    description: decides which NHS services are provided in Kent and Medway

accountability: |
  The partnership consults its stakeholders so that local concerns shape its priorities: the
  perception survey asks residents each year how safe they feel and what worries them.

  Each year of the plan the partnership carries out a strategic assessment of the partners'
  data, to find the patterns, trends and shifts in community safety, and reviews how far last
  year's actions were delivered. The plan is scrutinised by the council's Overview and
  Scrutiny Panel and sent to the Police and Crime Commissioner, with whose priorities it is
  aligned.

structure:
  text: |
    The partnership is overseen by its Executive Group. Each priority has a sub-group with its
    own action plan, which reports to the Executive Group every quarter.
  groups:
    - name: Executive Group
      chair: Thanet District Commander, Kent Police
      remit: Agrees the plan and the action plan, scrutinises delivery and ratifies the grant spending.
    - name: Serious Violence and Harm sub-group
      chair: Kent Police
      remit: Knife crime, violence in the night-time economy, drug supply and exploitation.
    - name: Places sub-group
      chair: Thanet District Council
      remit: Anti-social behaviour, open spaces, town centres and deliberate fires.
    - name: People sub-group
      chair: Probation Service
      remit: Victims, repeat victims, reoffending and substance misuse.

strategy:
  text: |
    The plan meets the partnership's duties in law and works alongside the plans of its
    members and of the county.
  documents:
    - name: Crime and Disorder Act 1998
      summary: sets up community safety partnerships and, in section 17, the duty on the responsible authorities to consider crime and disorder in all they do.
    - name: Anti-social Behaviour, Crime and Policing Act 2014
      summary: the powers used against anti-social behaviour, such as Community Protection Notices, and the Community Trigger.
    - name: Police, Crime, Sentencing and Courts Act 2022
      summary: the Serious Violence Duty, under which the partnership works with the Violence Reduction Unit.
    - name: Domestic Abuse Act 2021
      summary: the duties on support for victims of domestic abuse and their children.
    - name: Kent Police and Crime Plan
      summary: the Police and Crime Commissioner's priorities, with which this plan is aligned.

# The priorities agreed, each with the candidate themes (ids from csp.yaml) beneath it, its
# lead, what will be done and next year's actions. A priority with a theme the ranking did
# not recommend needs overrideReason: why the partnership includes it all the same.
priorities:
  - name: Reducing serious violence and harm
    description: Knife crime, drug supply and the exploitation that comes with it.
    themes: [serious-violence, drugs]
    underlying: [County lines, Exploitation, Knife crime]
    lead: Serious Violence and Harm sub-group, chaired by Kent Police
    whatWeWillDo: |
      The partnership will run operations to take knives off the streets of Thanet and
      disrupt the county lines that bring drugs and exploitation into the district.
    actions:
      - action: Knife arch and weapons sweep operations at stations and events
        lead: Kent Police
        measure: Operations held
        target: 6 a year
        when: March 2027
      - action: Disrupt county lines through joint visits to cuckooed addresses
        lead: Kent Police
        measure: Addresses visited and safeguarding referrals
        target: Monitor
        when: Quarterly
  - name: Safer places
    description: Anti-social behaviour, deliberate fires and town-centre safety.
    themes: [asb, damage-fires]
    underlying: [Open spaces, Town centres, Fly-tipping, Night-time economy]
    lead: Places sub-group, chaired by Thanet District Council
    overrideReason: |
      Deliberate fires cluster in the same streets and open spaces as anti-social behaviour,
      and the Places sub-group tackles both with the same powers and patrols.
    whatWeWillDo: |
      The partnership will audit local open spaces, work with licensed premises and use the
      powers of the 2014 Act against persistent anti-social behaviour, so that Thanet is a
      safe place to live and visit.
    actions:
      - action: Community Protection Warnings and Notices where behaviour persists
        lead: Thanet District Council
        measure: Notices issued
        target: Monitor
        when: Quarterly
      - action: Joint patrols in Margate town centre during the summer
        lead: Kent Police and Thanet District Council
        measure: Patrol shifts
        target: 90
        when: September 2026
      - action: Deliberate fire reduction visits in the areas with most fires
        lead: Kent Fire and Rescue Service
        measure: Deliberate fires
        target: Fewer than last year
        when: March 2027
  - name: Supporting people
    description: Victims of violence and domestic abuse, repeat victims and people at risk of offending.
    themes: [violence]
    underlying: [Violence against women and girls, Domestic abuse, Reducing reoffending, Substance misuse]
    lead: People sub-group, chaired by the Probation Service
    whatWeWillDo: |
      The partnership will support victims of violence and domestic abuse, put in place
      initiatives to reduce violence against women and girls, and help people who offend to
      change, through treatment for substance misuse and the Integrated Offender Management
      scheme.
    actions:
      - action: Safe spaces for women and girls in the night-time economy
        lead: Thanet District Council
        measure: Venues signed up
        target: 20
        when: September 2026
      - action: Referrals into substance misuse treatment from custody
        lead: Probation Service
        measure: Referrals made
        target: Monitor
        when: Quarterly

# Points about the area's people: a topic (Age, Deprivation, Ethnicity…) and its text.
demographics:
  - topic: Age
    text: Thanet has an older age profile than Kent, with more than half its residents over 40.
  - topic: Deprivation
    text: Thanet is the most deprived district in Kent; Margate Central and Cliftonville West are among the most deprived wards in the county.
  - topic: Ethnicity
    text: Most residents are White British; about one in ten belong to other ethnic groups.
  - topic: Visitors
    text: The population grows in summer with visitors to the coast.

crimePicture: |
  The figures below come from the partnership's strategic assessment of police and partner
  data. They compare the last twelve months with the twelve months before.

achievements: |
  Highlights of last year's action plan are below.

agencyPriorities:
  - agency: Kent Police
    priorities: [Violence against women and girls, Drug supply, Neighbourhood policing]
  - agency: Thanet District Council
    priorities: [Anti-social behaviour case management, Town-centre safety, Fly-tipping]
  - agency: Kent Fire and Rescue Service
    priorities: [Deliberate fires, Home safety visits]

engagement: |
  The residents' survey ran online and at community events in January, and was promoted in
  local newspapers and through community groups.

comments:
  - More police on foot in the town centre please.
  - The seafront feels much safer than last year.
  - Better lighting in the parks would help people feel safe after dark.

# "You said, we did": residents' top concerns that no priority covers, and the answer.
youSaidWeDid:
  - concern: Speeding and road safety
    answer: |
      Speeding is not a crime theme of the assessment, but the partnership has asked Kent
      Police and Kent County Council's road safety team to run Community Speedwatch in the
      villages where residents report it, and reports the results to the Executive Group.
  - concern: Rowdy or drunken behaviour
    answer: |
      The summer joint patrols in Margate town centre and the work with licensed premises
      under the Safer places priority tackle drunken behaviour in the night-time economy.

nextSteps:
  text: |
    The partnership reviews its priorities every year in the same cycle.

getInvolved: |
  We hold Neighbourhood Engagement Meetings, led by the community, in each of the main towns
  four times a year; dates and venues are on the council's website.

  To join our email list, write to the community safety team at the council.

contacts:
  - name: Thanet District Council
    phone: 01843 577000
  - name: Kent Fire and Rescue Service
    phone: 01622 692121
  - name: Crimestoppers (anonymous)
    phone: 0800 555 111
  - name: National Domestic Abuse Helpline
    phone: 0808 2000 247
  - name: Victim Support
    phone: 0808 168 9276

# The covering report for Scrutiny and Cabinet.
cabinet:
  meeting: Cabinet
  date: 12 March 2026
  reportAuthor: Jo Taylor, Community Safety Team Leader
  portfolioHolder: Cllr Pat Evans, Cabinet Member for Community Safety
  status: For Decision
  classification: Unrestricted
  recommendations:
    - Recommends to Council that the Thanet Community Safety Partnership approve the draft Community Safety Plan 2026-2029.
  options:
    - Recommend to Council that the partnership approve the draft plan as it stands.
    - Make suggestions and recommendations for Council to put to the partnership on the draft plan.
  executiveSummary: |
    This report sets out the proposed Community Safety Partnership Plan for 2026 to 2029,
    with three priorities drawn from the annual strategic assessment and the residents' survey.

    As this is a joint partnership plan, the council facilitates it but is not accountable for
    all agencies' delivery. Scrutiny has an important role in holding partner agencies to account.
  background: |
    The council has a statutory duty under the Crime and Disorder Act 1998 to work with the
    other responsible authorities to reduce crime and disorder and reoffending, through the
    Community Safety Partnership, which the council facilitates on their behalf.

    Because the plan is written before the financial year, the action plan may change once
    budgets and resources for the year are settled.
  decisionMaking: |
    The Community Safety Plan is part of the council's policy framework. Cabinet is asked to
    recommend it to Council; the partnership's Executive Group agrees the final action plan.
  lastYear: |
    Last year's action plan had actions for every partner agency under the same priorities.
  consultation:
    practitioners: 48 practitioners from 15 agencies met at the planning event in December 2025 to review the assessment and propose the priorities.
    from: 5 January 2026
    to: 30 January 2026
    method: online, at community events and in local newspapers, and sent to community groups by email
  accountability: |
    Each agency leads the actions it proposed and answers for them. Progress against each
    action's measure is reported to the Executive Group every quarter, with a mid-year update
    to the Overview and Scrutiny Panel.
  implications:
    financial: There is no negative financial impact on the council's budget; the Police and Crime Commissioner's grant funds the plan's activity. Community safety staff are funded within the council's budget.
    legal: Section 17 of the Crime and Disorder Act 1998 places a duty on the council to do all it reasonably can to prevent crime and disorder; the plan evidences this duty.
    corporate: The plan supports the corporate priority of safe and welcoming neighbourhoods.
    risk: There are no perceived corporate risks associated with this report.
    equalities: Members must have due regard to the aims of the Public Sector Equality Duty (section 149 of the Equality Act 2010). No equalities issues arise directly from this report; one priority focuses on protecting vulnerable people.
  # What Overview and Scrutiny said about the draft, and what changed as a result.
  scrutiny:
    meeting: Overview and Scrutiny Panel, 17 February 2026
    comments: |
      The Panel challenged the partnership on road safety, which residents named among their
      top concerns; as a result the plan now says what the partnership is doing about
      speeding. The Panel asked for a mid-year update on the Safer places actions.
  contactOfficer: Jo Taylor, Community Safety Team Leader
  reportingTo: Head of Safer Neighbourhoods
  corporateConsultation:
    - area: Finance
      name: Financial Services Manager
    - area: Legal
      name: Legal Services Manager
    - area: Communications
      name: Head of Communications
`;
}
