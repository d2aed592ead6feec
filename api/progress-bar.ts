// A terminal progress bar for long first-start steps; one line per step when output is not a terminal.
import type { Progress } from '../geodata/city/types.js';

const STEP_NAMES: Record<string, string> = {
  generate: '生成城市 generate city',
  areas: '区域边界 areas',
  residents: '居民 residents',
  buildings: '楼栋 buildings',
  'base map': '底图 base map',
  'resources and workers': '资源与网格员 resources & workers',
  aggregates: '汇总 aggregates',
};

export function progressBar(stream: NodeJS.WriteStream = process.stderr, width = 30): Progress & { done(): void } {
  let lastStep = '';
  let lastDraw = 0;
  const fn = ((step: string, done: number, total: number) => {
    const label = STEP_NAMES[step] ?? step;
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    if (!stream.isTTY) {
      if (step !== lastStep || ratio === 1) {
        if (step !== lastStep) stream.write(`  ${label} ...\n`);
        lastStep = step;
      }
      return;
    }
    const now = Date.now();
    if (step === lastStep && ratio < 1 && now - lastDraw < 80) return;
    lastDraw = now;
    if (step !== lastStep && lastStep) stream.write('\n');
    lastStep = step;
    const filled = Math.round(ratio * width);
    const count = total > 1 ? ` ${done.toLocaleString('en')}/${total.toLocaleString('en')}` : '';
    stream.write(
      `\r  [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${label}${count}   `,
    );
  }) as Progress & { done(): void };
  fn.done = () => {
    if (stream.isTTY && lastStep) stream.write('\n');
  };
  return fn;
}
