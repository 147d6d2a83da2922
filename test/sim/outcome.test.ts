/**
 * How a run ended, as the banner states it: the facts of runOutcomes (src/sim/run/outcome.ts) and their words
 * (src/sim/content/outcomeText.ts), taken from the run itself, never from the scenario's name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findScenario, generateLabPki, runOutcomes, type LabPki, type Mode, type RunOptions, type RunOutcome } from '../../src/sim/engine';
import { outcomeText } from '../../src/sim/content/index';
import { createRunCache } from './helpers/runCache';

let pki: LabPki;
const cachedRun = createRunCache(() => pki, 1);
beforeAll(async () => {
  pki = await generateLabPki();
});

function outcomes(scenarioId: string, mode: Mode, options: Partial<RunOptions> = {}): readonly RunOutcome[] {
  return runOutcomes(cachedRun(findScenario(scenarioId)!, mode, options).t);
}
const codes = (list: readonly RunOutcome[]) => list.map((o) => o.code);

describe('run outcomes', () => {
  it('cart, offload, round robin without the cookie: the cart is lost, the adds went to other backends', () => {
    const [lost, ...rest] = outcomes('cart', 'offload', { stickyCookie: false });
    expect(rest).toEqual([]);
    expect(lost).toMatchObject({ code: 'cart-lost', items: [], cartServedBy: 'backend-1', cartStatus: 200, adds: [{ status: 401, servedBy: 'backend-2' }, { status: 401, servedBy: 'backend-3' }] });
    const words = outcomeText(lost!);
    expect(words.title).toBe('The cart is lost');
    expect(words.text).toContain('backend-2 and backend-3 refused 2 adds (401)');
  });

  it('cart, offload, with the sticky cookie: no lost cart, both items came back', () => {
    const list = outcomes('cart', 'offload', { stickyCookie: true });
    expect(codes(list)).toEqual(['cart-kept']);
    expect(list[0]).toMatchObject({ items: ['blue-mug', 'lab-notebook'], cartServedBy: 'backend-1' });
    expect(outcomeText(list[0]!).text).not.toMatch(/lost/);
  });

  it('cart, passthrough: the cookie cannot help, the cart is lost', () => {
    expect(codes(outcomes('cart', 'passthrough'))).toEqual(['cart-lost']);
  });

  it('sqli, offload: the WAF blocked the injection (rule 942130) before any backend saw it', () => {
    const list = outcomes('sqli', 'offload');
    expect(codes(list)).toEqual(['attack-blocked']);
    expect(list[0]).toMatchObject({ ruleIds: [942130], status: 403 });
  });

  it('sqli, passthrough: the injection reached the backend uninspected', () => {
    const list = outcomes('sqli', 'passthrough');
    expect(codes(list)).toEqual(['attack-reached-backend']);
    expect(list[0]).toMatchObject({ backend: 'backend-1', effect: 'sql-injection', waf: 'blind' });
    expect(outcomeText(list[0]!).text).toMatch(/could not inspect/);
  });

  it('the backend tells the client a wrong address: the LB\'s (client-ip) or a forged one (xff-forged), only in passthrough', () => {
    expect(outcomes('client-ip', 'passthrough')).toMatchObject([{ code: 'client-ip-wrong', believed: '10.0.0.1', actual: '203.0.113.10', believedIsLb: true }]);
    expect(outcomes('xff-forged', 'passthrough')).toMatchObject([{ code: 'client-ip-wrong', believed: '6.6.6.6', believedIsLb: false }]);
    expect(outcomes('client-ip', 'offload')).toEqual([]);
    expect(outcomes('xff-forged', 'offload')).toEqual([]);
  });

  it('a broken connection ends with the client giving up, at the step it gave up', () => {
    const { t } = cachedRun(findScenario('proxy-mismatch')!, 'passthrough', {});
    const [gaveUp] = runOutcomes(t);
    expect(gaveUp).toMatchObject({ code: 'client-gave-up', request: 0 });
    expect(t.events[gaveUp!.step]!.type).toBe('client.gaveUp');
  });
});
