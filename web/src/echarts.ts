/** ECharts with only what the app draws (graph and heat map on canvas), so the bundle stays small. */
import { GraphChart, HeatmapChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([GraphChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };
export const FONT = '"Noto Sans SC", "Noto Sans CJK SC", sans-serif';

/**
 * Waits (at most 3 s) until the font's subsets for these characters are loaded: canvas text does not
 * re-render when a unicode-range subset arrives later, so the map would keep a fallback font.
 */
export async function loadGlyphs(text: string): Promise<void> {
  if (!document.fonts) return;
  const load = document.fonts.load(`14px "Noto Sans SC"`, text).then(() => undefined);
  await Promise.race([load, new Promise<void>((r) => setTimeout(r, 3000))]).catch(() => undefined);
}
