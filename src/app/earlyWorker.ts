/**
 * The engine worker, started by the page's very first module (main.tsx imports this before React): its download,
 * parse and first key generation then overlap the evaluation of React and the app, not only their rendering; the
 * first keys are made by the page meanwhile (./earlyKeys.ts).
 */
import { createEngineWorker } from '@engine-worker';
import { prestartWorker } from '../state/workerStart';
import { withFirstKeys } from './earlyKeys';

export const takeWorker = prestartWorker(() => withFirstKeys(createEngineWorker()));
