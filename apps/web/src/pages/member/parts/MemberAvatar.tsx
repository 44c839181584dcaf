import { Avatar, AvatarProps } from '@mantine/core';
import { avatarColour, initialOf } from './text';

/** A member's round avatar: the first letter of the name, in a colour that stays the same for that member. */
export function MemberAvatar({
  id,
  name,
  ...props
}: { id: string | null | undefined; name: string | null | undefined } & Omit<AvatarProps, 'color' | 'name'>) {
  return (
    <Avatar radius={1000} variant="filled" color={avatarColour(id)} aria-hidden {...props}>
      {initialOf(name)}
    </Avatar>
  );
}
