/**
 * The public names of the site a run is about. The lab's own scenarios use shop.example.com and api.example.com;
 * a trainer's scenario file names its own, and every place a name appears (DNS, SNI, the certificate the demo
 * public CA signs, Host headers, redirects, SNI routing, configurations, captures) reads it from here.
 */
import type { Scenario } from '../scenarios/types';
import { API_HOSTNAME, LB_VIP, SITE_HOSTNAME } from './topology';

export interface SiteNames {
  /** The shop's name: the default Host header and SNI. */
  readonly site: string;
  /** The API's name: the certificate's second name and the API pool's (pool routing). */
  readonly api: string;
  /** ECH's client-facing name: the only one a router without the ECH key reads in an ECH ClientHello. */
  readonly echPublic: string;
}

/**
 * ECH's public name sits beside the site's own: public.example.com for shop.example.com, public.acme.test for
 * training.acme.test (a two-label name gets public. in front).
 */
function echPublicNameFor(site: string): string {
  const labels = site.split('.');
  return `public.${(labels.length > 2 ? labels.slice(1) : labels).join('.')}`;
}

export function siteNamesOf(scenario: Pick<Scenario, 'hostname' | 'apiHostname'> | undefined): SiteNames {
  const site = scenario?.hostname ?? SITE_HOSTNAME;
  return { site, api: scenario?.apiHostname ?? API_HOSTNAME, echPublic: echPublicNameFor(site) };
}

export const DEFAULT_SITE_NAMES: SiteNames = siteNamesOf(undefined);

/** DNS as the client sees it: every public name points at the load balancer, never at a backend. */
export function dnsFor(names: SiteNames): ReadonlyMap<string, string> {
  return new Map([names.site, names.api, names.echPublic].map((name) => [name, LB_VIP]));
}

/** One key per set of names (caches of the certificates made for them). */
export const siteNamesKey = (names: SiteNames): string => `${names.site} ${names.api}`;
