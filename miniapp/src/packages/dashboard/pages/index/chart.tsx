// One chart drawn with @antv/f2 (5.x) into a Taro <Canvas type='2d'>: in WeChat the canvas node comes from a
// selector query (fields node + size); in H5 Taro renders a real <canvas> inside the element with our id. F2's
// elements are built with its own createElement (no JSX runtime to configure), then `new Canvas(props).render()`.
// Only this subpackage imports F2, so the main package does not grow.
import { useEffect, useMemo } from 'react';
import Taro from '@tarojs/taro';
import { Canvas as TaroCanvas } from '@tarojs/components';
import { Axis, Canvas, Chart, Interval, Line, createElement } from '@antv/f2';

// F2's element types are its own; its createElement takes them at runtime (typed loosely here).
const h = createElement as unknown as (type: unknown, props: object, ...children: unknown[]) => { props: any };

export interface Point { label: string; value: number }

let n = 0;

function nodeOf(id: string): Promise<{ node: any; width: number; height: number } | null> {
  if (process.env.TARO_ENV === 'h5') {
    const host = document.getElementById(id);
    const node = host && (host.tagName === 'CANVAS' ? host : host.querySelector('canvas'));
    if (!host || !node) return Promise.resolve(null);
    const r = host.getBoundingClientRect();
    return Promise.resolve({ node, width: r.width, height: r.height });
  }
  return new Promise((resolve) => {
    Taro.createSelectorQuery().select(`#${id}`).fields({ node: true, size: true }).exec((res) => resolve(res?.[0]?.node ? res[0] : null));
  });
}

/** Bars (or a line) of `data`, in the party red; the numbers are in the table the page puts beneath. */
export function F2Chart({ data, kind = 'bar', height = 180, unit = '' }: { data: Point[]; kind?: 'bar' | 'line'; height?: number; unit?: string }) {
  const id = useMemo(() => `dash-chart-${++n}`, []);
  useEffect(() => {
    let canvas: Canvas | null = null;
    let gone = false;
    const t = setTimeout(async () => {
      const found = await nodeOf(id);
      if (!found || gone) return;
      const { node, width, height: tall } = found;
      const dpr = process.env.TARO_ENV === 'h5' ? window.devicePixelRatio || 1 : Taro.getSystemInfoSync().pixelRatio;
      node.width = width * dpr;
      node.height = tall * dpr;
      if (process.env.TARO_ENV === 'h5') {
        node.style.width = `${width}px`;
        node.style.height = `${tall}px`;
      }
      const ctx = node.getContext('2d');
      const Geom = kind === 'line' ? Line : Interval;
      const el = h(
        Canvas,
        { context: ctx, pixelRatio: dpr, width, height: tall, animate: false },
        h(
          Chart,
          { data, scale: { value: { min: 0, nice: true, formatter: (v: number) => `${v}${unit}` } } },
          h(Axis, { field: 'label' }),
          h(Axis, { field: 'value', tickCount: 4 }),
          h(Geom, { x: 'label', y: 'value', color: '#c8102e' }),
        ),
      );
      canvas = new Canvas(el.props);
      await canvas.render();
    }, 50);
    return () => {
      gone = true;
      clearTimeout(t);
      canvas?.destroy();
    };
  }, [id, data, kind, unit]);
  return <TaroCanvas type='2d' id={id} canvasId={id} className='dash-chart' style={{ width: '100%', height: `${height}px` }} />;
}
