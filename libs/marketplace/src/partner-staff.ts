import { DomainError } from '@lc/core';
import { Actor, partnerOf } from '@lc/identity';

/**
 * The partner whose perks the actor manages: the scope of their partner_staff role. Everyone else is refused, so
 * creating perks and uploading their pictures are allowed to the same people.
 */
export function staffPartnerOf(actor: Actor): string {
  const partnerId = partnerOf(actor);
  if (!partnerId) throw new DomainError('FORBIDDEN', 'Only partner staff manage perks');
  return partnerId;
}
