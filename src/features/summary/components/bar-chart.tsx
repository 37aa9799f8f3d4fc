import { useId } from 'react';

export interface Bar {
  label: string;
  value: number;
  /** CSS class of the bar, for its colour. */
  className?: string;
}

const WIDTH = 400;
const HEIGHT = 180;
const LABEL_SPACE = 28;
const VALUE_SPACE = 18;
/** Largest label font size in viewBox units, set by the phone rule in app.css. */
const MAX_LABEL_FONT_SIZE = 17;
/** Estimated mean advance width of a label character, as a fraction of the font size. */
const CHARACTER_WIDTH = 0.62;
/** Minimum space between two labels, in viewBox units. */
const LABEL_GAP = 8;

/**
 * A vertical bar chart in SVG, scaled to its container. Screen readers get one
 * image whose name lists every bar's label and value.
 */
export function BarChart({
  title,
  bars,
  labelEvery = 1,
}: {
  title: string;
  bars: readonly Bar[];
  /**
   * Shows at most every n-th label under the bars, counted back from the last bar,
   * so dense charts stay legible. The chart skips more labels when they would overlap.
   */
  labelEvery?: number;
}) {
  const titleId = useId();
  const descriptionId = useId();
  const max = Math.max(...bars.map((bar) => bar.value), 1);
  const slot = WIDTH / Math.max(bars.length, 1);
  const barWidth = Math.max(slot * 0.7, 2);
  const plotHeight = HEIGHT - LABEL_SPACE - VALUE_SPACE;
  const description = bars.map((bar) => `${bar.label}: ${bar.value}`).join(', ');

  // Label widths are estimated from their length at the largest font size, because
  // the SVG is not measured before it renders.
  const longestLabel = Math.max(...bars.map((bar) => bar.label.length), 0);
  const labelWidth = longestLabel * MAX_LABEL_FONT_SIZE * CHARACTER_WIDTH;
  const labelStep = Math.max(labelEvery, Math.ceil((labelWidth + LABEL_GAP) / slot));
  const halfLabel = Math.min(labelWidth, WIDTH) / 2;
  const labelX = (center: number) => Math.min(Math.max(center, halfLabel), WIDTH - halfLabel);

  return (
    <svg
      className="bar-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={`${titleId} ${descriptionId}`}
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={titleId}>{title}</title>
      <desc id={descriptionId}>{description}</desc>
      <line
        className="bar-chart__axis"
        x1={0}
        x2={WIDTH}
        y1={HEIGHT - LABEL_SPACE}
        y2={HEIGHT - LABEL_SPACE}
      />
      {bars.map((bar, index) => {
        const height = (bar.value / max) * plotHeight;
        const x = index * slot + (slot - barWidth) / 2;
        const y = HEIGHT - LABEL_SPACE - height;
        const showLabel = (bars.length - 1 - index) % labelStep === 0;
        return (
          <g key={`${bar.label}-${index}`}>
            <rect
              className={`bar-chart__bar ${bar.className ?? ''}`}
              x={x}
              y={y}
              width={barWidth}
              height={Math.max(height, bar.value > 0 ? 1 : 0)}
              rx={2}
            />
            {bars.length <= 16 && (
              <text className="bar-chart__value" x={x + barWidth / 2} y={y - 4} textAnchor="middle">
                {bar.value}
              </text>
            )}
            {showLabel && (
              <text
                className="bar-chart__label"
                x={labelX(x + barWidth / 2)}
                y={HEIGHT - LABEL_SPACE + 18}
                textAnchor="middle"
              >
                {bar.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
