/** The shop visits scenarios are made of: each a request with the reason the learner is shown. */
import type { ScriptedRequest } from './types';

export const home: ScriptedRequest = { method: 'GET', path: '/', purpose: "open the shop's home page" };
export const login: ScriptedRequest = { method: 'POST', path: '/login', body: 'password=correct-horse&user=alice', purpose: 'log in; the password travels inside the request body' };
export const addMug: ScriptedRequest = { method: 'POST', path: '/cart/add', body: 'item=blue-mug', purpose: 'put a mug in the cart' };
export const addNotebook: ScriptedRequest = { method: 'POST', path: '/cart/add', body: 'item=lab-notebook', purpose: 'put a notebook in the cart' };
export const viewCart: ScriptedRequest = { method: 'GET', path: '/cart', purpose: 'look at the cart' };
export const whoami: ScriptedRequest = { method: 'GET', path: '/whoami', purpose: 'ask the backend who it thinks the client is' };
export const account: ScriptedRequest = { method: 'GET', path: '/account', purpose: 'open the account page, which needs a verified client certificate' };
export const stylesheet: ScriptedRequest = { method: 'GET', path: '/static/app.css', purpose: 'load the stylesheet (cacheable, compressible)' };

/** The same visit by another user (their own browser, login name and, optionally, address). */
export function as(client: string, request: ScriptedRequest, sourceIp?: string): ScriptedRequest {
  const body = request.body?.replace(/(^|&)user=[^&]*/, `$1user=${encodeURIComponent(client)}`);
  return { ...request, client, ...(body !== undefined ? { body } : {}), ...(sourceIp ? { sourceIp } : {}), purpose: `${client}: ${request.purpose}` };
}
