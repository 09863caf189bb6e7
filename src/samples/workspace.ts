import { FORCE_DISTRICTS } from './calibration.js';

/** The sample's boundary files (data-samples/boundaries/, copied by the generator): Thanet's real ONS boundaries. */
const SAMPLE_BOUNDARIES = `  # The ONS boundaries the maps are drawn with (GeoJSON from the ONS Open Geography portal,
  # geoportal.statistics.gov.uk: "Lower layer Super Output Areas", "Wards"; generalised
  # clipped). A file of all England and Wales is fine: only your area's areas are kept.
  boundaries:
    lsoa: boundaries/lsoa-2021-thanet.geojson
    ward: boundaries/wards-2025-thanet.geojson
    # Printed under every map, as the Open Government Licence asks (without it, these words
    # with the year of the LSOA file).
    attribution: "Contains OS data © Crown copyright and database right 2025. Source: Office for National Statistics licensed under the Open Government Licence v3.0."
`;

/** The sample partnership's csp.yaml, commented so a team leader understands every key. */
export function sampleConfig(o: { periodEnd: string; outDir?: string; sample?: boolean }): string {
  const districts = FORCE_DISTRICTS.map((d) =>
    d === 'Folkestone and Hythe'
      ? `    - name: Folkestone and Hythe\n      aliases: [Shepway]          # its name until 2018; older police files still say Shepway`
      : `    - name: ${d}`,
  ).join('\n');
  return `# yaml-language-server: $schema=../csp.schema.json
# csp.yaml: the settings of one Community Safety Partnership's workspace.
# Every path is relative to this file. Run \`csp validate\` after any change.
${o.sample === false ? "# Made by `csp init`: put each partner's exports in its folder, then run `csp validate`." : '# This is the SAMPLE workspace: the data are generated and illustrative, not real figures.'}

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
${o.sample === false ? '' : SAMPLE_BOUNDARIES}
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
    publicName: complaints to the council
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
    publicName: deliberate fires attended by the fire and rescue service
    files: fire/deliberate-fires-by-ward.csv
    areaLevel: ward
    columns:
      period: Month
      area: Ward
      category: Incident Type
      count: Incidents

  population:
    kind: population
    description: Resident population by district (all of the force), by ward and by LSOA
    files:
      - population/population-by-district.csv
      - population/population-by-ward.csv
      - population/population-by-lsoa.csv
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
  recommend: 4
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
${
  o.sample === false
    ? `  # watermark: "DRAFT"    # a notice printed at the top of every document
`
    : `  # Printed at the top of every document made from this sample.
  watermark: "SAMPLE DATA: generated for demonstration. Figures are illustrative, not real."
`
}  suppressBelow: 5        # public documents show smaller counts of sensitive themes as "fewer than 5"
  formats: [html, pdf]    # PDF needs Chrome, Chromium or Edge (csp doctor checks)

# Name, logo and colours on every document.
branding:
  name: Thanet Community Safety Partnership
${
  o.sample === false
    ? `  # logo: logo.png   # your logo (PNG, JPEG or SVG), printed on each document's first page and the plan's cover
  # logoAlt: the partnership's logo
`
    : `  logo: logo.svg   # printed on each document's first page and the plan's cover
  logoAlt: Thanet Community Safety Partnership logo
`
}  primaryColour: "#1d4f76"
  accentColour: "#b3541e"
`;
}
