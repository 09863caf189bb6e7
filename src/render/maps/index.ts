/** Maps drawn at build time as SVG, like the charts: no tiles, no network, no JavaScript in the documents. */
export type { DrawnMap, MapTableRow } from './area-map.js';
export { drawChoropleth, type AreaFigure, type ChoroplethOptions } from './choropleth.js';
export { drawDensity, MIN_HEX_RADIUS_M, type DensityOptions, type DensityPoint } from './density.js';
export { drawHotspotMap, type HotspotMapOptions } from './hotspot-map.js';
export { quantileClasses } from './classes.js';
export { oglAttribution, policeAttribution } from './svg.js';
