/**
 * The small form of a public verification page (a certificate's, an evidence PDF's): a code typed from paper,
 * upper-cased, opens `${path}/${code}`. Labels come from the page's own namespace (`verify.code`, `verify.codeHint`,
 * `verify.check`).
 */
import { Button, Group, TextInput } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export function VerifyCodeForm({
  initial,
  path,
  namespace,
  maxLength,
}: {
  initial: string;
  path: string;
  namespace: string;
  maxLength: number;
}) {
  const { t } = useTranslation(namespace);
  const navigate = useNavigate();
  const [code, setCode] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = code.trim().toUpperCase();
    if (value) void navigate(`${path}/${encodeURIComponent(value)}`);
  };
  return (
    <form onSubmit={submit}>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          label={t('verify.code')}
          description={t('verify.codeHint')}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          maxLength={maxLength}
          autoCapitalize="characters"
          style={{ flex: 1 }}
        />
        <Button type="submit" h={44}>
          {t('verify.check')}
        </Button>
      </Group>
    </form>
  );
}
