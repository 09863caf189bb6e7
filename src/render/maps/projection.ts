import { geoPath, geoTransverseMercator, type GeoPermissibleObjects, type GeoProjection } from 'd3-geo';

/** The Earth's mean radius (IUGG), in metres: d3-geo works on a sphere of radius 1. */
const EARTH_RADIUS_M = 6_371_008.8;

export interface FittedProjection {
  projection: GeoProjection;
  /** The drawing's size in pixels: `width` as asked, the height the area's shape needs (at most `maxHeight`). */
  width: number;
  height: number;
  /** Pixels per metre on the ground (within 0.2% anywhere in Great Britain). */
  pxPerMetre: number;
}

/**
 * A transverse Mercator centred on 2° W, the central meridian of the Ordnance Survey's National
 * Grid: Great Britain's shapes and north as its maps show them, and a scale true to within
 * 0.2% over the whole island, so that a hexagon of 250 m is 250 m. Fitted to `shape` inside
 * a margin, as wide as asked and as tall as the shape needs.
 */
export function fitProjection(shape: GeoPermissibleObjects, o: { width: number; maxHeight: number; margin: number }): FittedProjection {
  const inner = o.width - 2 * o.margin;
  // No adaptive resampling: over a district, an edge of a few hundred metres projects as a
  // straight line to well under a pixel, and resampling every edge is most of the drawing's time.
  const projection = geoTransverseMercator().rotate([2, 0]).precision(0).fitWidth(inner, shape);
  const [[, y0], [, y1]] = geoPath(projection).bounds(shape);
  let height = Math.ceil(y1 - y0);
  if (height > o.maxHeight - 2 * o.margin) {
    height = o.maxHeight - 2 * o.margin;
    projection.fitExtent(
      [
        [o.margin, o.margin],
        [o.margin + inner, o.margin + height],
      ],
      shape,
    );
  } else {
    // fitWidth put the shape's top left corner at (0, 0): the margin moves it in.
    const [tx, ty] = projection.translate();
    projection.translate([tx + o.margin, ty + o.margin]);
  }
  return { projection, width: o.width, height: height + 2 * o.margin, pxPerMetre: projection.scale() / EARTH_RADIUS_M };
}
