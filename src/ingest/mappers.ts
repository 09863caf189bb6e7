import type { SourceConfig } from '../config/sources.js';
import type { KindMapper } from './kinds/context.js';
import { mapActions } from './kinds/actions.js';
import { mapCounts } from './kinds/counts.js';
import { mapJudgements } from './kinds/judgements.js';
import { mapPolice } from './kinds/police.js';
import { mapPopulation } from './kinds/population.js';
import { mapRecords } from './kinds/records.js';
import { mapSurvey } from './kinds/survey.js';

/** One mapper per source kind: typed by kind, so a new kind in the config schema must have one. */
const MAPPERS: { [K in SourceConfig['kind']]: KindMapper<Extract<SourceConfig, { kind: K }>> } = {
  'police-uk-street': mapPolice,
  records: mapRecords,
  counts: mapCounts,
  population: mapPopulation,
  survey: mapSurvey,
  judgements: mapJudgements,
  actions: mapActions,
};

/** The mapper that reads a staged file of this source's kind. */
export const mapperFor = (source: SourceConfig): KindMapper<SourceConfig> => MAPPERS[source.kind] as KindMapper<SourceConfig>;
