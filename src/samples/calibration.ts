import data from './calibration.json' with { type: 'json' };

/** [code, name, rows in Jan–Apr 2024, ONS mid-2017 population (null: a 2021-only code), mean longitude, mean latitude] */
export type Lsoa = [string, string, number, number | null, number, number];

export interface DistrictCalibration {
  lsoas: Lsoa[];
  monthlyByCategory: Record<string, number>;
  lsoaPopulationSum: number;
}

/** Volumes, category mix, LSOAs and populations measured on the real Kent files (scripts/calibrate.mjs). */
export const calibration = data as unknown as {
  note: string;
  months: number;
  onsUnitaryPopulation: { Medway: number };
  districts: Record<string, DistrictCalibration>;
};

/** Kent Police's area: Kent's twelve districts and Medway. The other districts in the files are neighbours'. */
export const FORCE_DISTRICTS = [
  'Ashford',
  'Canterbury',
  'Dartford',
  'Dover',
  'Folkestone and Hythe',
  'Gravesham',
  'Maidstone',
  'Medway',
  'Sevenoaks',
  'Swale',
  'Thanet',
  'Tonbridge and Malling',
  'Tunbridge Wells',
];

/**
 * District populations for the sample: ONS where this project has the district's own estimate
 * (Medway, a unitary authority), otherwise the sum of ONS mid-2017 LSOA populations over the
 * LSOAs the real police files name for the district (2021-only LSOA codes have no 2017 figure).
 */
export function districtPopulation(name: string): { population: number; method: string } {
  if (name === 'Medway') {
    return { population: calibration.onsUnitaryPopulation.Medway, method: 'ONS mid-2017 estimate for Medway (E06000035)' };
  }
  const d = calibration.districts[name]!;
  return { population: d.lsoaPopulationSum, method: 'sum of ONS mid-2017 LSOA populations over the LSOAs named in the police files' };
}
