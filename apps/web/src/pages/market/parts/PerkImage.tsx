import { AspectRatio, Box, Center, Image } from '@mantine/core';
import { useState } from 'react';
import { categoryLook } from './categories';

/**
 * The perk's first picture, or, when it has none (or it fails to load), a soft tile in its category's colour with
 * the category's icon, so the catalogue still looks like a shop.
 */
export function PerkImage({
  images,
  category,
  alt,
  ratio = 4 / 3,
  radius = 0,
  iconSize = 56,
}: {
  images: string[];
  category: string;
  alt: string;
  ratio?: number;
  radius?: number | string;
  iconSize?: number;
}) {
  const [failed, setFailed] = useState(false);
  const src = images[0];
  const look = categoryLook(category);
  return (
    <AspectRatio ratio={ratio}>
      {src && !failed ? (
        <Image
          src={src}
          alt={alt}
          fit="cover"
          radius={radius}
          onError={() => setFailed(true)}
          loading="lazy"
        />
      ) : (
        <Box
          aria-hidden
          style={{
            borderRadius: radius,
            background: `linear-gradient(135deg, var(--mantine-color-${look.color}-0) 0%, var(--mantine-color-${look.color}-2) 100%)`,
          }}
        >
          <Center h="100%">
            <look.icon size={iconSize} stroke={1.4} color={`var(--mantine-color-${look.color}-7)`} />
          </Center>
        </Box>
      )}
    </AspectRatio>
  );
}
