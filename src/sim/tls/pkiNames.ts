/** Does a run's key material carry the run's site names? (It must have been made for them: PkiGenerator.ensure.) */
import type { SiteNames } from '../net/siteNames';
import { certificateHostnames, certificateFromPem } from './pkiCache';
import type { LabPki } from './pki';

export function checkPkiNames(pki: LabPki, names: SiteNames): void {
  const site = pki.certificates.site;
  if (!site) return;
  const hostnames = certificateHostnames(certificateFromPem(site.pem));
  if (!hostnames.includes(names.site) || !hostnames.includes(names.api)) {
    throw new Error(`the site certificate was made for ${hostnames.join(', ')}, not for ${names.site} and ${names.api}: generate the key material for this scenario's names (generateLabPki(siteNamesOf(scenario)))`);
  }
}
