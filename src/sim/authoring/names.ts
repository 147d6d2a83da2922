/**
 * The shapes of the names in a file: ids, DNS names, addresses, client names. Each is a plain predicate, so the
 * validator, the JSON Schema test and the editor's form can agree on one definition.
 */
import { BACKENDS, LB_INTERNAL_ADDRESS, LB_VIP } from '../net/topology';
import { FILE_LIMITS } from './limits';

/** A scenario, lesson, beat or question id: lower-case, digits and dashes, as in the lab's own ("acme-login"). */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const isId = (id: string): boolean => ID_PATTERN.test(id);

/** A client's name: it appears in the step list and keys the client's own cookies and connection. */
export const CLIENT_NAME_PATTERN = /^[a-z][a-z0-9-]{0,23}$/;
export const isClientName = (name: string): boolean => CLIENT_NAME_PATTERN.test(name);

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/** Dotted IPv4 without leading zeros (010.0.0.1 means octal to some parsers, so it is refused). */
export const IPV4_PATTERN = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);
export const isIpv4 = (ip: string): boolean => IPV4_PATTERN.test(ip);

/** The lab's own machines: a client claiming one of these addresses would be indistinguishable from them. */
const LAB_ADDRESSES: readonly string[] = [LB_VIP, LB_INTERNAL_ADDRESS, ...BACKENDS.map((b) => b.address)];
export const isClientAddress = (ip: string): boolean => isIpv4(ip) && !LAB_ADDRESSES.includes(ip);

const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/**
 * A public DNS name for the site or its API: lower case (SNI and certificates compare names exactly), at least two
 * labels, none longer than 63, not an IP address (the last label is not all digits), and not under `.internal`,
 * which is the lab's backends' own zone.
 */
export function isHostname(name: string): boolean {
  if (name.length > FILE_LIMITS.hostname) return false;
  const labels = name.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((l) => l.length <= FILE_LIMITS.hostnameLabel && LABEL.test(l))) return false;
  if (/^\d+$/.test(labels.at(-1)!)) return false;
  return labels.at(-1) !== 'internal';
}
