import { FluxProtocolError } from './flux-protocol-error';
import type { FluxCallContext, FluxRpc } from './flux-rpc-port';

/** `attr.get`: a broker attribute's value (always a string) and flags (1 = immutable). */
export async function getBrokerAttr(
  rpc: FluxRpc,
  name: string,
  options: FluxCallContext = {},
): Promise<{ value: string; flags: number }> {
  const reply = await rpc.call('attr.get', { name }, options);
  if (typeof reply.value !== 'string') throw new FluxProtocolError('attr.get reply has no string value');
  return { value: reply.value, flags: typeof reply.flags === 'number' ? reply.flags : 0 };
}
