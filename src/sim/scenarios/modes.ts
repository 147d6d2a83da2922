/**
 * What each termination mode is, as data: one row per mode, beside PROTOCOLS (./protocol). The runner, key
 * placement, required keys, the configuration plans and the narration read these facts instead of asking
 * `mode === 'offload'`, so "what a mode changes" is answered in one place (and a fourth mode is one more row plus
 * its module in lb/modes/).
 */
import type { Mode } from './types';

export interface ModeFacts {
  readonly id: Mode;
  /** The OSI layer the LB works at: 4 copies TCP bytes, 7 reads HTTP. */
  readonly layer: 4 | 7;
  /** Who ends the client's TLS session: the backend (passthrough) or the LB. */
  readonly clientTlsEndsAt: 'backend' | 'lb';
  /** Does the LB open a TLS session of its own to the backend (re-encryption)? */
  readonly backendTls: boolean;
  /** The port the backends listen on for the LB: 443 when they speak TLS, 80 for plain HTTP. */
  readonly backendPort: 443 | 80;
  /** Where the site's private key (shop.example.com) must be installed. */
  readonly siteKeyOn: 'backends' | 'lb';
  /** Does each backend hold a certificate and key of its own (for the LB's internal TLS)? */
  readonly backendOwnCertificates: boolean;
  /** Can the LB read the HTTP requests (WAF, cookies, paths, headers)? */
  readonly lbReadsHttp: boolean;
  /** How the client's address reaches the backend: PROXY protocol header, or an X-Forwarded-For header. */
  readonly clientAddressBy: 'proxy-protocol' | 'x-forwarded-for';
  /** Who asks for and checks the client certificate when mTLS is on. */
  readonly clientCertificateCheckedBy: 'backend' | 'lb';
  /**
   * Does a backend redirect plain HTTP to HTTPS without being told to? A backend that terminates TLS itself
   * does; behind an offloading LB it receives only plain HTTP and must not (unless configured to, the loop trap).
   */
  readonly backendRedirectsPlainHttp: boolean;
}

export const MODE_FACTS: Readonly<Record<Mode, ModeFacts>> = {
  passthrough: {
    id: 'passthrough', layer: 4, clientTlsEndsAt: 'backend', backendTls: false, backendPort: 443, siteKeyOn: 'backends',
    backendOwnCertificates: false, lbReadsHttp: false, clientAddressBy: 'proxy-protocol', clientCertificateCheckedBy: 'backend',
    backendRedirectsPlainHttp: true,
  },
  offload: {
    id: 'offload', layer: 7, clientTlsEndsAt: 'lb', backendTls: false, backendPort: 80, siteKeyOn: 'lb',
    backendOwnCertificates: false, lbReadsHttp: true, clientAddressBy: 'x-forwarded-for', clientCertificateCheckedBy: 'lb',
    backendRedirectsPlainHttp: false,
  },
  bridge: {
    id: 'bridge', layer: 7, clientTlsEndsAt: 'lb', backendTls: true, backendPort: 443, siteKeyOn: 'lb',
    backendOwnCertificates: true, lbReadsHttp: true, clientAddressBy: 'x-forwarded-for', clientCertificateCheckedBy: 'lb',
    backendRedirectsPlainHttp: true,
  },
};
