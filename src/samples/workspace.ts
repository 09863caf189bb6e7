import { FORCE_DISTRICTS } from './calibration.js';

/** The sample partnership's csp.yaml, commented so a team leader understands every key. */
export function sampleConfig(o: { periodEnd: string; outDir?: string; sample?: boolean }): string {
  const districts = FORCE_DISTRICTS.map((d) =>
    d === 'Folkestone and Hythe' ? `    - name: Folkestone and Hythe\n      aliases: [Shepway]          # its name until 2018; older police files still say Shepway` : `    - name: ${d}`,
  ).join('\n');
  return `# yaml-language-server: $schema=../csp.schema.json
# csp.yaml: the settings of one Community Safety Partnership's workspace.
# Every path is relative to this file. Run \`csp validate\` after any change.
${o.sample === false ? '# Made by `csp init`: put each partner\'s exports in its folder, then run `csp validate`.' : '# This is the SAMPLE workspace: the data are generated and illustrative, not real figures.'}

partnership:
  name: Thanet Community Safety Partnership
  # The district the partnership covers, spelt as data.police.uk spells it at the start
  # of "LSOA name" (e.g. "Thanet 012B").
  area: Thanet
  force: Kent Police
  # Printed on every page of the partners' Strategic Assessment (the public plan has none).
  protectiveMarking: OFFICIAL-SENSITIVE

period:
  # The last month of the current window. The previous window is the same number of
  # months immediately before it (here Jan-Dec 2025 against Jan-Dec 2024).
  end: ${o.periodEnd}
  months: 12
  # How many months the monthly charts and tables show.
  seriesMonths: 36

geography:
  # Every district of the force. csp finds a police row's district from "LSOA name",
  # so real downloads dropped into police/ give real figures with no other change.
  # Rows of districts not listed here (neighbouring forces' LSOAs) are reported and
  # left out of every district figure and the force average.
  districts:
${districts}

# Partner exports. Each has an id of your choice (used in themes below), a kind, and files.
sources:
  police:
    kind: police-uk-street
    description: data.police.uk street-level crime and ASB, Kent Police, whole force
    # One file per month, as data.police.uk names them. .csv and .csv.gz are both read.
    files: police/*-kent-street.csv*

  council-asb:
    kind: records
    description: Council ASB case system, complaints received
    files:
      - council/asb-complaints-2023-2024.csv    # Windows-1252, dd/mm/yyyy dates
      - council/asb-complaints-2025.xlsx
    encoding: auto          # auto | utf-8 | windows-1252 | utf-16
    dateFormat: dd/mm/yyyy  # auto also reads ISO dates and Excel date cells
    areaLevel: ward
    # Which column holds what. Only these columns are read: names, addresses and the
    # details of complaints in the export never reach the database or any output.
    columns:
      date: Date Received
      category: Complaint Type
      area: Ward
      id: Case Ref
      flags:
        repeat: Repeat Complainant    # Y/Yes/True/1 mean yes

  fire:
    kind: counts
    description: Fire and rescue service, deliberate fires by ward, monthly return
    files: fire/deliberate-fires-by-ward.csv
    areaLevel: ward
    columns:
      period: Month
      area: Ward
      category: Incident Type
      count: Incidents

  population:
    kind: population
    description: Resident population by district (all of the force) and by ward
    files:
      - population/population-by-district.csv
      - population/population-by-ward.csv
    columns:
      area: Area
      level: Level
      year: Year
      population: Population

  survey:
    kind: survey
    description: Resident perception survey, autumn consultation
    files: survey/resident-survey-2025.csv
    columns:
      id: Response ID
      area: Ward
      problems: Which of these are problems in your area?
      agreement: To what extent do you agree with the proposed priorities?
      safeDay: How safe do you feel outside in your local area during the day?
      safeDark: How safe do you feel outside in your local area after dark?
      comment: Any other comments
    problemsSeparator: ";"

  judgements:
    kind: judgements
    description: Practitioners' scores from the stakeholder event (1 = low, 5 = high)
    files: judgements/stakeholder-scores-2025.csv
    columns:
      practitioner: Practitioner
      agency: Agency
      theme: Theme
      scores:
        influence: Influence (1-5)
        vulnerability: Vulnerability (1-5)

  actions:
    kind: actions
    description: Last year's partnership action plan with statuses
    files: actions/action-plan-2025-26.csv
    columns:
      theme: Priority
      action: Action
      status: Status
      measure: Measure
      baseline: Baseline
      latest: Latest

# Candidate themes: the possible priorities the assessment compares and ranks.
# Each takes categories from one or more sources (by source id) and survey options.
# "Other crime" is left out on purpose: it counts in all crime but in no theme.
themes:
  - id: asb
    name: Anti-social behaviour
    categories:
      police: [Anti-social behaviour]
      council-asb: [Noise nuisance, Neighbour dispute, Youth-related ASB, Street drinking, Drug-related ASB, Fly-tipping, Vandalism and graffiti, Begging]
    survey: [Anti-social behaviour, Street drinking, Fly-tipping]
  - id: violence
    name: Violence and sexual offences
    sensitive: true        # small counts are suppressed in public documents
    categories:
      police: [Violence and sexual offences]
    survey: [Violence, Domestic abuse]
  - id: serious-violence
    name: Serious violence and weapons
    categories:
      police: [Possession of weapons, Robbery]
    survey: [Violence]
  - id: drugs
    name: Drugs
    categories:
      police: [Drugs]
      council-asb: [Drug-related ASB]
    survey: [Drug dealing and drug use]
  - id: acquisitive
    name: Acquisitive crime
    categories:
      police: [Burglary, Vehicle crime, Other theft, Bicycle theft, Theft from the person]
    survey: [Burglary, Vehicle crime]
  - id: shoplifting
    name: Shoplifting and retail crime
    categories:
      police: [Shoplifting]
    survey: [Shoplifting]
  - id: damage-fires
    name: Criminal damage and deliberate fires
    categories:
      police: [Criminal damage and arson]
      fire: [Deliberate primary fire, Deliberate secondary fire]
    survey: [Deliberate fires]
  - id: public-order
    name: Public order
    categories:
      police: [Public order]
    survey: [Rowdy or drunken behaviour]

# How the candidate themes are scored and ranked (csp assess). Each criterion gives a raw
# value, turned into a band 1-3 by its thresholds (a value at a threshold takes the higher
# band); the score is the sum of weight x band. The top \`recommend\` themes are recommended.
ranking:
  method: weighted-sum      # or: product (harm group x likelihood group, as in MoRiLE)
  scale: 3                  # bands 1-3; 5 allows 1-5 (then give 4 thresholds)
  recommend: 3
  criteria:
    volume:                 # the area's rate as a % of the force average (100 = average)
      weight: 1
      measure: rate-vs-average
      thresholds: [90, 110]
    trend:                  # % change when the test says it is significant, else 0
      weight: 1
      thresholds: [-5, 5]
    harm:                   # harm-weighted incidents per 1,000 residents
      weight: 1
      thresholds: [20, 100]
      note: >-
        ILLUSTRATIVE weights for the sample only. There are no official harm weights per
        data.police.uk category; a partnership supplies its own (e.g. derived from the ONS
        Crime Severity Score or the Cambridge Crime Harm Index).
      weights:
        police:
          Violence and sexual offences: 20
          Robbery: 25
          Possession of weapons: 15
          Burglary: 10
          Drugs: 5
          Theft from the person: 4
          Vehicle crime: 3
          Criminal damage and arson: 3
          Other theft: 2
          Bicycle theft: 2
          Public order: 2
          Shoplifting: 1
          Anti-social behaviour: 1
        fire:
          Deliberate primary fire: 20
          Deliberate secondary fire: 2
    perception:             # % of survey respondents naming the theme
      weight: 1
      thresholds: [20, 40]
    influence:              # practitioners' mean score (1-5) of what the partnership can change
      judged: true
      weight: 1
      thresholds: [2.5, 3.5]
    vulnerability:          # practitioners' mean score (1-5) of the harm to vulnerable people
      judged: true
      weight: 1
      thresholds: [2.5, 3.5]
  # A manual change to the recommendation needs a written reason; it is shown as an override.
  overrides: []
  #  - theme: violence
  #    recommend: true
  #    reason: Domestic abuse is a statutory duty for the partnership whatever its rank.

output:
  dir: ${o.outDir ?? '../out'}     # where outputs go, relative to this file
${o.sample === false ? `  # watermark: "DRAFT"    # a notice printed at the top of every document
` : `  # Printed at the top of every document made from this sample.
  watermark: "SAMPLE DATA: generated for demonstration. Figures are illustrative, not real."
`}  suppressBelow: 5        # public documents show smaller counts of sensitive themes as "fewer than 5"
  formats: [html, pdf]    # PDF needs Chrome, Chromium or Edge (csp doctor checks)

# Name, logo and colours on every document.
branding:
  name: Thanet Community Safety Partnership
  primaryColour: "#1d4f76"
  accentColour: "#b3541e"
`;
}

/** The plan's own words; render-plan fills every figure from assessment.json. */
export function samplePlan(): string {
  return `# yaml-language-server: $schema=../plan.schema.json
# plan.yaml: the Community Safety Plan's own words, and the covering Cabinet report's.
# Figures never go here: they come from assessment.json (csp assess). Text blocks after "|"
# keep their paragraphs (separate them with a blank line).
# SAMPLE text, written for the generated sample partnership: illustrative, not a real plan.

title: Thanet Community Safety Partnership Plan 2026-2029
period: April 2026 to March 2029

foreword:
  author: Chair of the Community Safety Partnership Executive Group
  role: Thanet Community Safety Partnership
  text: |
    As Chair of the Community Safety Partnership Executive Group, I am pleased to present
    our Community Safety Plan for 2026 to 2029.

    Each year the partnership looks again at the crime and anti-social behaviour data, listens
    to residents and practitioners, and agrees where working together will make the most
    difference. This plan sets out those priorities and how we will deliver them.

# Further forewords, e.g. from the Violence Reduction Unit (optional).
statements:
  - title: Violence Reduction Unit
    author: Director, Kent and Medway Violence Reduction Unit
    text: |
      The Violence Reduction Unit works closely with the partnership on the Serious Violence
      Duty, supporting work with young people and the night-time economy.

about:
  area: |
    Thanet is a coastal district in the east of Kent, with the towns of Margate, Ramsgate and
    Broadstairs and a number of villages, and miles of coastline that bring many visitors.
  partnership: |
    Section 17 of the Crime and Disorder Act 1998 requires the responsible authorities to
    consider crime and disorder, anti-social behaviour, substance misuse and reoffending in
    everything they do, and to work together to reduce them.

    The partnership is overseen by an Executive Group of senior officers from each agency.

# Partner agencies: a name, or a name and a description.
membership:
  - name: Thanet District Council
    description: services for the people who live, work and study in Thanet
  - name: Kent Police
    description: serving and protecting the people of Kent
  - Kent County Council
  - Kent Fire and Rescue Service
  - Probation Service
  - NHS Kent and Medway Integrated Care Board

accountability: |
  Each year the partnership carries out a strategic assessment of the partners' data and
  consults residents through the perception survey, so that the priorities follow the evidence.
  The plan is scrutinised by the council's Overview and Scrutiny Panel and sent to the Police
  and Crime Commissioner.
structure: |
  Three sub-groups, one for each priority, report to the Executive Group every quarter.

# The priorities agreed, each with the candidate themes (ids from csp.yaml) beneath it.
priorities:
  - name: Reducing serious violence and harm
    description: Knife crime, violence in the night-time economy and drug supply.
    themes: [serious-violence, drugs, violence]
    underlying: [County lines, Violence against women and girls, Exploitation]
  - name: Safer places
    description: Anti-social behaviour, deliberate fires and town-centre safety.
    themes: [asb, damage-fires, public-order]
    underlying: [Open spaces, Town centres, Fly-tipping, Night-time economy]
  - name: Supporting people
    description: Victims, repeat victims and people at risk of offending.
    themes: [acquisitive, shoplifting]
    underlying: [Reducing reoffending, Substance misuse, Supporting victims of crime]

demographics:
  - Margate Central and Cliftonville West are among the most deprived wards in Kent.
  - The population grows in summer with visitors to the coast.

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

engagement: |
  The public consultation ran for six weeks in the autumn, online and at community events.

comments:
  - More police on foot in the town centre please.
  - The seafront feels much safer than last year.

nextSteps:
  text: |
    The partnership reviews its priorities every year in the same cycle.

getInvolved: |
  Neighbourhood engagement meetings are held in each of the main towns four times a year;
  dates and venues are on the council's website.

contacts:
  - name: Kent Police (non-emergency)
    phone: "101"
  - name: Crimestoppers (anonymous)
    phone: 0800 555 111
  - name: National Domestic Abuse Helpline
    phone: 0808 2000 247

# The covering report for Scrutiny and Cabinet.
cabinet:
  meeting: Cabinet
  date: 12 March 2026
  reportAuthor: Community Safety Team Leader
  portfolioHolder: Cabinet Member for Community Safety
  status: For Decision
  classification: Unrestricted
  recommendations:
    - Recommends to Council that the Thanet Community Safety Partnership approve the draft Community Safety Plan 2026-2029.
    - Notes the strategic assessment and the residents' consultation on which the priorities are based.
  executiveSummary: |
    This report sets out the proposed Community Safety Partnership Plan for 2026 to 2029,
    with three priorities drawn from the annual strategic assessment and the residents' survey.

    As this is a joint partnership plan, the council facilitates it but is not accountable for
    all agencies' delivery. Scrutiny has an important role in holding partner agencies to account.
  background: |
    Each partner agency has proposed actions that it will lead and be accountable for.
  implications:
    financial: There is no negative financial impact on the council's budget; the Police and Crime Commissioner's grant funds the plan's activity.
    legal: Section 17 of the Crime and Disorder Act 1998 places a duty on the council to do all it reasonably can to prevent crime and disorder; the plan evidences this duty.
    corporate: The plan supports the corporate priority of safe and welcoming neighbourhoods.
    equalities: Members must have due regard to the aims of the Public Sector Equality Duty (section 149 of the Equality Act 2010). No equalities issues arise directly from this report; one priority focuses on protecting vulnerable people.
  contactOfficer: Community Safety Team Leader
  reportingTo: Head of Safer Neighbourhoods
  annexes:
    - Annex 1 - Draft Community Safety Plan 2026-2029
    - Annex 2 - Strategic Assessment summary
`;
}
