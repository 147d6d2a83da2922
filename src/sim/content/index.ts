/** The engine's prose, kept out of code: per-event narration, the mode guides, the protocol note, the glossary. */
export { narrate } from './narration';
export { eventText, gaveUpText, pickText, routeReason, routeBasisText } from './eventText';
export type { Narration } from './narration';
export { MODE_GUIDES, PROTOCOL_NOTE, PROTOCOL_NOTES } from './modes';
export type { ModeGuide } from './modes';
export type { ProtocolNote } from './protocolNote';
export { GLOSSARY, GLOSSARY_IDS } from './glossary';
export type { GlossaryEntry, GlossaryId } from './glossary';
export { layerSummary, recordSummary, handshakeMessageText, viewReasonText, handshakeFactsText, decryptedContentText } from './layerText';
export { capabilityReason } from './capabilityText';
export { momentText } from './momentText';
export type { MomentWords } from './momentText';
export { outcomeText } from './outcomeText';
export type { OutcomeWords } from './outcomeText';
