/**
 * "Real configuration" export: the lab's current mode and options written as configuration for six real
 * products, every line that matters commented, with notes on what each product cannot do in this mode and why.
 * Pure TypeScript without Node APIs: the UI shows these texts.
 */
import type { Mode, RunOptions } from '../../scenarios/types';
import { awsConfigs } from './aws';
import { envoyConfigs } from './envoy';
import { haproxyConfigs } from './haproxy';
import { ingressNginxConfigs } from './ingressNginx';
import { nginxConfigs } from './nginx';
import { commonNotes, makePlan } from './plan';
import { traefikConfigs } from './traefik';
import type { ConfigOverrides, RealConfig } from './types';
import { resolveParams } from './types';

export type { BackendTarget, ConfigLanguage, ConfigOverrides, ConfigParams, Product, RealConfig } from './types';
export { DEFAULT_PARAMS } from './types';

/**
 * Every product's configuration for `mode` with `options`. `overrides` moves addresses, ports and file paths
 * (the tests run the result on loopback with temporary certificates); the defaults are the lab's addresses and
 * each product's conventional paths.
 */
export function realConfigurations(mode: Mode, options: RunOptions, overrides: ConfigOverrides = {}): RealConfig[] {
  const plan = makePlan(mode, options, resolveParams(overrides));
  const shared = commonNotes(plan);
  const configs = [
    ...haproxyConfigs(plan),
    ...nginxConfigs(plan),
    ...envoyConfigs(plan),
    ...traefikConfigs(plan),
    ...ingressNginxConfigs(plan),
    ...awsConfigs(plan),
  ];
  return configs.map((c) => ({ ...c, notes: [...c.notes, ...shared] }));
}
