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
  /** Shows every n-th label under the bars, so dense charts stay legible. */
  labelEvery?: number;
}) {
  const titleId = useId();
  const descriptionId = useId();
  const max = Math.max(...bars.map((bar) => bar.value), 1);
  const slot = WIDTH / Math.max(bars.length, 1);
  const barWidth = Math.max(slot * 0.7, 2);
  const plotHeight = HEIGHT - LABEL_SPACE - VALUE_SPACE;
  const description = bars.map((bar) => `${bar.label}: ${bar.value}`).join(', ');

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
        const showLabel = index % labelEvery === 0 || index === bars.length - 1;
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
                x={x + barWidth / 2}
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
