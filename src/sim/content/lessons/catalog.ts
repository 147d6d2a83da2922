/** The guided lessons, in the order a newcomer should take them. */
import type { Lesson } from '../../lessons/types';
import { whoReadsThePassword } from './whoReadsThePassword';
import { whereTheKeysLive } from './whereTheKeysLive';
import { wafBlindSpot } from './wafBlindSpot';
import { loginBurst } from './loginBurst';
import { lostCart } from './lostCart';
import { clientAddress } from './clientAddress';
import { sniRouting } from './sniRouting';
import { clientCertificates } from './clientCertificates';
import { bridgingImpostor } from './bridgingImpostor';
import { modernTls } from './modernTls';
import { encryptedHello } from './encryptedHello';
import { chooseTheMode } from './chooseTheMode';

export const LESSONS: readonly Lesson[] = [
  whoReadsThePassword,
  whereTheKeysLive,
  wafBlindSpot,
  loginBurst,
  lostCart,
  clientAddress,
  sniRouting,
  clientCertificates,
  bridgingImpostor,
  modernTls,
  encryptedHello,
  chooseTheMode,
];

export const findLesson = (id: string): Lesson | undefined => LESSONS.find((l) => l.id === id);
