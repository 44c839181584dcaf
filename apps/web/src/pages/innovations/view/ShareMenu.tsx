/** Share as teachers do: LINE first, then Facebook, a copied link, or the phone's own share sheet. */
import { Button, CopyButton, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBrandFacebook,
  IconBrandLine,
  IconCopy,
  IconCopyCheck,
  IconDeviceMobileShare,
  IconShare3,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function ShareMenu({ url, title }: { url: string; title: string }) {
  const { t } = useTranslation('innovations');
  const canShare = typeof navigator !== 'undefined' && typeof navigator.share === 'function';
  const encoded = encodeURIComponent(url);
  const itemStyles = { item: { minHeight: 44 } };
  return (
    <Menu position="bottom-end" width={240} styles={itemStyles}>
      <Menu.Target>
        <Button
          variant="subtle"
          color="dark"
          size="sm"
          h={44}
          px={4}
          leftSection={<IconShare3 size={20} aria-hidden />}
        >
          {t('share.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {canShare && (
          <Menu.Item
            leftSection={<IconDeviceMobileShare size={20} aria-hidden />}
            onClick={() => void navigator.share({ title, url }).catch(() => undefined)}
          >
            {t('share.native')}
          </Menu.Item>
        )}
        <Menu.Item
          component="a"
          href={`https://social-plugins.line.me/lineit/share?url=${encoded}`}
          target="_blank"
          rel="noopener noreferrer"
          leftSection={<IconBrandLine size={20} color="#06C755" aria-hidden />}
        >
          {t('share.line')}
        </Menu.Item>
        <Menu.Item
          component="a"
          href={`https://www.facebook.com/sharer/sharer.php?u=${encoded}`}
          target="_blank"
          rel="noopener noreferrer"
          leftSection={<IconBrandFacebook size={20} color="#1877F2" aria-hidden />}
        >
          {t('share.facebook')}
        </Menu.Item>
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Menu.Item
              leftSection={
                copied ? <IconCopyCheck size={20} aria-hidden /> : <IconCopy size={20} aria-hidden />
              }
              onClick={() => {
                copy();
                notifications.show({ color: 'teal', message: t('share.copied') });
              }}
              data-testid="share-copy"
            >
              {copied ? t('share.copiedShort') : t('share.copy')}
            </Menu.Item>
          )}
        </CopyButton>
      </Menu.Dropdown>
    </Menu>
  );
}
