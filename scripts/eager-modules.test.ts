import { describe, expect, it } from 'vitest';
import { wrapModuleFactories } from './eager-modules.mjs';

const chunk =
  '(globalThis.TURBOPACK||(globalThis.TURBOPACK=[])).push(["object"==typeof document?document.currentScript:void 0,' +
  '101,e=>{"use strict";let t=()=>"(x)";e.s(["a",()=>t])},' +
  '202,(e,t,r)=>{e.v(`${"]"}`)},' +
  '303,function(e){return /\\)/.test(")")}]);';

describe('wrapModuleFactories', () => {
  it('puts each module factory of a Turbopack chunk in parentheses, and nothing else', () => {
    const out = wrapModuleFactories(chunk)!;
    expect(out.wrapped).toBe(3);
    expect(out.source).toBe(
      '(globalThis.TURBOPACK||(globalThis.TURBOPACK=[])).push(["object"==typeof document?document.currentScript:void 0,' +
        '101,(e=>{"use strict";let t=()=>"(x)";e.s(["a",()=>t])}),' +
        '202,((e,t,r)=>{e.v(`${"]"}`)}),' +
        '303,(function(e){return /\\)/.test(")")})]);',
    );
  });

  it('the chunk runs the same: the same modules, with the same exports', () => {
    const run = (src: string) => {
      const TURBOPACK: unknown[][] = [];
      new Function('globalThis', 'document', src)({ TURBOPACK }, undefined);
      const [entries] = TURBOPACK;
      return entries!
        .filter((e) => typeof e === 'function')
        .map((f) => {
          const seen: unknown[] = [];
          const api = { s: (x: unknown) => seen.push(x), v: (x: unknown) => seen.push(x) };
          const r = (f as (e: unknown) => unknown)(api);
          return JSON.stringify([seen.length, r]);
        });
    };
    expect(run(wrapModuleFactories(chunk)!.source)).toEqual(run(chunk));
  });

  it('a second pass wraps nothing more', () => {
    const once = wrapModuleFactories(chunk)!.source;
    expect(wrapModuleFactories(once)).toEqual({ source: once, wrapped: 0 });
  });

  it('leaves other scripts alone', () => {
    expect(wrapModuleFactories('(()=>{self.x=1})();')).toBeUndefined();
    expect(wrapModuleFactories('(globalThis.TURBOPACK||[]).push(1);')).toBeUndefined();
  });
});
