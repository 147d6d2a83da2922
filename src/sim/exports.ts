/**
 * Crypto-free exports the page loads on demand (a dynamic import keeps them out of the first-paint bundle):
 * the capture and key log of a finished run, and the equivalent real load-balancer configurations.
 */
export { exportPcapng } from './export/pcapng';
export type { PcapngExportOptions } from './export/pcapng';
export { exportKeyLog } from './export/keylog';
export { realConfigurations } from './export/configs/index';
export type { RealConfig, ConfigOverrides, Product, ConfigLanguage } from './export/configs/index';
/*
 * The `#scenario=` link codec again (it is also in ./index): fflate's inflate and deflate are about 5 KB gzip,
 * which a page that only needs them for a link can load on demand from here instead of in its first paint.
 */
export { decodeFileFromLink, encodeFileForLink, linkTooLong } from './authoring/link';
