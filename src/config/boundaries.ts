import { z } from 'zod';

/**
 * `geography.boundaries`: the boundary files the maps are drawn from, as the ONS Open Geography
 * portal publishes them (GeoJSON, or TopoJSON from any tool). Paths are relative to csp.yaml.
 * The code and name properties are found by their ONS names unless a file names its own.
 */
const property = z.string().min(1);

const boundaryFileObject = z.strictObject({
  file: z.string().min(1).describe('A GeoJSON (.geojson, .json) or TopoJSON (.topojson, .json) file, relative to csp.yaml'),
  codeProperty: property.optional().describe("The property that holds each area's code (e.g. LSOA21CD, WD25CD); found by its ONS name when omitted"),
  nameProperty: property.optional().describe("The property that holds each area's name (e.g. LSOA21NM, WD25NM); found by its ONS name when omitted"),
  object: z.string().min(1).optional().describe('TopoJSON only: the object to read (default: the only one, or the one whose geometries hold the codes)'),
});

const boundaryFile = z
  .union([z.string().min(1), boundaryFileObject])
  .describe('A boundary file: its path, or {file, codeProperty, nameProperty} when its properties are not named as the ONS names them');

const boundaryFiles = z.union([boundaryFile, z.array(boundaryFile).min(1)]);

export const boundariesSchema = z
  .strictObject({
    lsoa: boundaryFiles
      .optional()
      .describe(
        "LSOA boundaries: one file or a list (2011 and 2021 LSOAs both, when the police files mix them). Each police row's LSOA code is looked up in every file",
      ),
    ward: boundaryFiles.optional().describe('Ward boundaries, for the maps by ward (council ASB, fire, the public plan) and the ward of each LSOA in tables'),
    attribution: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Printed under each map; default: the Open Government Licence attribution the ONS asks for, with the year of the boundaries (e.g. 2021 for LSOA21CD)',
      ),
  })
  .describe(
    'Boundary files for the maps (GeoJSON or TopoJSON from the ONS Open Geography portal). Without them, maps are drawn from the police coordinates only',
  );

export type BoundaryFileEntry = z.output<typeof boundaryFile>;
export type BoundariesConfig = z.output<typeof boundariesSchema>;

/** A file entry in its long form: `{file}` for a bare path. */
export function boundaryEntries(value: BoundaryFileEntry | BoundaryFileEntry[] | undefined): z.output<typeof boundaryFileObject>[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((e) => (typeof e === 'string' ? { file: e } : e));
}
