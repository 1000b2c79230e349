// Turns the /curves response into chart series and ranking rows; used by the analysis and compare pages.

/** The three ways of drawing a discriminant's significance against mass. */
export const curveModes = {
  average: { label: 'average over channels', value: 'average', sigma: 'averageUncertainty' },
  combined: { label: 'combined in quadrature', value: 'combined', sigma: 'combinedUncertainty' },
  channels: { label: 'per channel' },
};

/**
 * Returns unstyled series {label, discriminantIndex, channelIndex, points: [{x, y, sigma}]} sorted by
 * mass. In "channels" mode there is one series per discriminant and channel, and a channel whose
 * outcome is not "ok" leaves a gap.
 */
export function seriesFromCurves(curves, mode) {
  const series = [];
  curves.discriminants.forEach((discriminant, discriminantIndex) => {
    const points = [...discriminant.points].sort((left, right) => (left.mass ?? 0) - (right.mass ?? 0));
    if (mode !== 'channels') {
      const { value, sigma } = curveModes[mode];
      series.push({
        label: discriminant.name,
        discriminantIndex,
        channelIndex: 0,
        points: points.map((point) => ({ x: point.mass, y: point[value], sigma: point[sigma] })),
      });
      return;
    }

    curves.channels.forEach((channel, channelIndex) => {
      series.push({
        label: `${discriminant.name} · ${channel}`,
        discriminantIndex,
        channelIndex,
        points: points.map((point) => channelPoint(point, channel)),
      });
    });
  });
  return series;
}

function channelPoint(point, channel) {
  const result = point.channels?.[channel];
  const ok = result?.outcome === 'ok';
  return { x: point.mass, y: ok ? result.significance : null, sigma: ok ? result.uncertainty : null };
}

/** True when the analysis has at most one mass hypothesis, which is drawn as bars instead of a line. */
export function isSingleMass(curves) {
  return curves.masses.length <= 1;
}

/**
 * Returns bar categories (average, combined, then each channel) and one value list per
 * discriminant, for an analysis with a single mass hypothesis.
 */
export function singleMassBars(curves) {
  const categories = ['average', 'combined', ...curves.channels];
  const series = curves.discriminants.map((discriminant, discriminantIndex) => {
    const point = discriminant.points[0] ?? { channels: {} };
    const channelValues = curves.channels.map((channel) => channelPoint(point, channel));
    return {
      label: discriminant.name,
      discriminantIndex,
      values: [point.average, point.combined, ...channelValues.map((value) => value.y)],
      sigmas: [point.averageUncertainty, point.combinedUncertainty, ...channelValues.map((value) => value.sigma)],
    };
  });
  return { categories, series };
}

/** Returns the highest average significance of a discriminant and the mass where it is reached. */
export function bestAverage(discriminant) {
  let best = null;
  for (const point of discriminant.points) {
    if (Number.isFinite(point.average) && (best === null || point.average > best.value)) {
      best = { value: point.average, mass: point.mass };
    }
  }
  return best;
}

/**
 * True when some channel produced a result for the discriminant at some mass. Without one every
 * average is null and the API still reports area 0, which must not read as a real ranking.
 */
export function hasResult(discriminant) {
  return discriminant.points.some((point) => Number.isFinite(point.average));
}
