import { describe, expect, it } from 'vitest';
import { PROTOCOL, parseCommand } from '../../src/embed/messages';

describe('postMessage commands', () => {
  it('accepts the documented commands', () => {
    expect(parseCommand({ protocol: PROTOCOL, type: 'setMode', mode: 'offload' })).toEqual({ type: 'setMode', mode: 'offload' });
    expect(parseCommand({ protocol: PROTOCOL, type: 'setScenario', scenario: 'cart' })).toEqual({ type: 'setScenario', scenario: 'cart' });
    expect(parseCommand({ protocol: PROTOCOL, type: 'seek', step: 12 })).toEqual({ type: 'seek', step: 12 });
    expect(parseCommand({ protocol: PROTOCOL, type: 'play' })).toEqual({ type: 'play' });
    expect(parseCommand({ protocol: PROTOCOL, type: 'setTlsVersion', version: 'tls1.2' })).toEqual({ type: 'setTlsVersion', version: 'tls1.2' });
  });

  it.each([
    ['forge.setImmediate'],
    [null],
    [[PROTOCOL, 'play']],
    [{ type: 'play' }],
    [{ protocol: 'other/1', type: 'play' }],
    [{ protocol: PROTOCOL, type: 'setMode', mode: 'offloading' }],
    [{ protocol: PROTOCOL, type: 'setScenario', scenario: '<img onerror=alert(1)>' }],
    [{ protocol: PROTOCOL, type: 'seek', step: -1 }],
    [{ protocol: PROTOCOL, type: 'seek', step: 1.5 }],
    [{ protocol: PROTOCOL, type: 'seek', step: '3' }],
    [{ protocol: PROTOCOL, type: 'setTlsVersion', version: 'tls1.0' }],
    [{ protocol: PROTOCOL, type: 'setTlsVersion', version: ['tls1.3'] }],
    [{ protocol: PROTOCOL, type: 'setTlsVersion' }],
    [{ protocol: PROTOCOL, type: 'eval', code: 'alert(1)' }],
  ])('ignores %j', (data) => {
    expect(parseCommand(data)).toBeNull();
  });
});
