/** The protocol layers of a packet as the inspector shows them, each field tied to its bytes in the payload. */

export interface ByteField {
  readonly label: string;
  readonly value: string;
  /** Offset into the packet payload (TCP data), so the hex dump can highlight it. */
  readonly offset: number;
  readonly length: number;
  readonly explanation?: string;
}

export type PacketLayer =
  | { readonly kind: 'proxy'; readonly summary: string; readonly fields: readonly ByteField[] }
  | { readonly kind: 'tls'; readonly summary: string; readonly fields: readonly ByteField[]; readonly encrypted: boolean }
  | { readonly kind: 'http'; readonly summary: string; readonly fields: readonly ByteField[] }
  | { readonly kind: 'data'; readonly summary: string; readonly fields: readonly ByteField[] };
