/**
 * The Encrypted Client Hello configuration the site's operator publishes (in reality in the DNS HTTPS record,
 * RFC 9460, as an ECHConfigList). Its public name is the "client-facing server": the only name a router that does
 * not hold the ECH key can read in an ECH ClientHello. It is one of the lab's own names, so it resolves to the VIP.
 */
import { DEFAULT_SITE_NAMES } from './siteNames';

/** The lab's own scenarios' public name (derived like every scenario's: a run uses its names' `echPublic`). */
export const ECH_PUBLIC_NAME = DEFAULT_SITE_NAMES.echPublic;
