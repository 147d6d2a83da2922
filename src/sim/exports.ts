/**
 * Crypto-free exports the page loads on demand (a dynamic import keeps them out of the first-paint bundle):
 * the capture and key log of a finished run, and the equivalent real load-balancer configurations.
 */
export { exportPcapng } from './export/pcapng';
export type { PcapngExportOptions } from './export/pcapng';
export { exportKeyLog } from './export/keylog';
export { realConfigurations } from './export/configs/index';
export type { RealConfig, ConfigOverrides, Product, ConfigLanguage } from './export/configs/index';
