/** One horizontal bar of a server-rendered SVG chart: geometry only, the template draws it. */
export interface Bar {
  label: string;
  value: number;
  y: number;
  width: number;
  textY: number;
  valueX: number;
}

export interface BarChart {
  width: number;
  height: number;
  labelWidth: number;
  bars: Bar[];
}

const ROW = 22;
const BAR = 14;

/**
 * A horizontal bar chart sized for a phone (360 px wide): one row per item, bars scaled to the
 * largest value, zero values kept as a row without a bar. No script, no external library.
 */
export function barChart(
  items: readonly { label: string; value: number }[],
  width = 360,
  labelWidth = 120,
): BarChart {
  const max = Math.max(1, ...items.map((i) => i.value));
  const room = width - labelWidth - 40;
  return {
    width,
    height: Math.max(ROW, items.length * ROW + 4),
    labelWidth,
    bars: items.map((item, n) => {
      const w = Math.round((item.value / max) * room);
      return {
        label: item.label,
        value: item.value,
        y: n * ROW + (ROW - BAR) / 2,
        width: w,
        textY: n * ROW + ROW / 2 + 4,
        valueX: labelWidth + w + 4,
      };
    }),
  };
}
