/** HTTP/1.1 message shapes shared by the parser, the demo shop, the WAF and the load balancer. */

/** Header names keep the case they had on the wire; lookups are case-insensitive (RFC 9110 §5.1). */
export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

export interface HttpRequest {
  readonly method: string;
  /** The request-target as sent, e.g. `/cart?x=1` (origin-form, RFC 9112 §3.2.1). */
  readonly target: string;
  readonly version: 'HTTP/1.1' | 'HTTP/1.0';
  readonly headers: HeaderList;
  readonly body: Uint8Array;
}

export interface HttpResponse {
  readonly version: 'HTTP/1.1' | 'HTTP/1.0';
  readonly status: number;
  readonly reason: string;
  readonly headers: HeaderList;
  readonly body: Uint8Array;
}

export type HttpMessage =
  | { readonly kind: 'request'; readonly message: HttpRequest }
  | { readonly kind: 'response'; readonly message: HttpResponse };
