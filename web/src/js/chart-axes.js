// Axis helpers shared by the charts: the minimum of a log axis, which ticks it keeps and how ticks
// and values are written.

/**
 * Returns a log-axis minimum: the largest 1, 2 or 5 times a power of ten at or below half the
 * smallest positive value, so points and band edges at or below zero can be drawn at it.
 */
export function logAxisFloor(values) {
  const positive = values.filter((value) => Number.isFinite(value) && value > 0);
  if (positive.length === 0) {
    return 0.1;
  }
  const target = Math.min(...positive) * 0.5;
  const decade = 10 ** Math.floor(Math.log10(target));
  return [5, 2, 1].map((step) => step * decade).find((floor) => floor <= target * (1 + 1e-12));
}

/** Returns the power of ten at or below a positive value, immune to log10 rounding just below a power. */
function decadeExponent(value) {
  return Math.floor(Math.log10(value) + 1e-9);
}

function isRoundTick(value) {
  const mantissa = value / 10 ** decadeExponent(value);
  return [1, 2, 5].some((round) => Math.abs(mantissa - round) < 1e-6);
}

/**
 * Keeps only the 1, 2 and 5 times a power of ten ticks of a log axis. An axis spanning too little
 * to hold two of them keeps every tick, so it is never left with a single label.
 */
export function keepRoundLogTicks(scale) {
  if (scale.type !== 'logarithmic') {
    return;
  }
  const round = scale.ticks.filter((tick) => tick.value > 0 && isRoundTick(tick.value));
  if (round.length >= 2) {
    scale.ticks = round;
  }
}

/**
 * Formats a log-axis tick in one style for the whole axis: plain decimals from 0.001 to below
 * 10000 (0.05, 2, 500) and mantissa-exponent notation outside (1e4, 2e5, 5e-4).
 */
export function formatLogTick(value) {
  if (!(value > 0)) {
    return '';
  }
  const exponent = decadeExponent(value);
  if (exponent >= -3 && exponent < 4) {
    return String(Number(value.toPrecision(3)));
  }
  const mantissa = Number((value / 10 ** exponent).toPrecision(3));
  return `${mantissa}e${exponent}`;
}

export function formatValue(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '–';
  }
  return Math.abs(value) >= 1e-3 && Math.abs(value) < 1e5 ? Number(value.toPrecision(3)).toString() : value.toExponential(2);
}
