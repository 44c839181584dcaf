/**
 * /innovations/new and /innovations/:id/edit (members only): loads the taxonomy and, when editing, the
 * innovation, then hands them to the editor form (pages/innovations/editor). Only the author edits.
 */
import { Button, Stack } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import {
  useInnovationsControllerGet,
  useInnovationsControllerTaxonomy,
} from '../../api/generated/innovations/innovations';
import { ApiError } from '../../api/http';
import { useAuth } from '../../auth/AuthProvider';
import { Page } from '../../components/Page';
import { EmptyState, PageLoader } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EditorForm } from './editor/EditorForm';

export default function InnovationEditor() {
  const { t } = useTranslation('editor');
  const { id } = useParams();
  const location = useLocation();
  const { me } = useAuth();
  const taxonomy = useInnovationsControllerTaxonomy({ query: { staleTime: Infinity } });
  const innovation = useInnovationsControllerGet(id ?? '', { query: { enabled: Boolean(id) } });

  // A draft created here keeps its form (and its uploads under way) when the address becomes /:id/edit;
  // any other change of address (another innovation, a new one) starts a fresh form.
  const created = useRef<{ id: string; key: string } | null>(null);
  const formKey = id ? (created.current?.id === id ? created.current.key : id) : `new:${location.key}`;

  const title = id ? t('titleEdit') : t('titleNew');
  const retry = () => {
    if (taxonomy.isError) void taxonomy.refetch();
    if (innovation.isError) void innovation.refetch();
  };

  if (taxonomy.isError || innovation.isError) {
    // 400: not an innovation id at all (the API checks the UUID).
    const notFound =
      innovation.error instanceof ApiError &&
      (innovation.error.status === 404 || innovation.error.status === 400);
    return (
      <Page title={title}>
        {notFound ? (
          <Stack align="center">
            <EmptyState title={t('notFound.title')}>{t('notFound.body')}</EmptyState>
            <Button component={Link} to="/innovations" variant="light">
              {t('notFound.back')}
            </Button>
          </Stack>
        ) : (
          <Stack>
            <ProblemAlert error={taxonomy.error ?? innovation.error} />
            <Button variant="light" onClick={retry} style={{ alignSelf: 'flex-start' }}>
              {t('common:actions.retry')}
            </Button>
          </Stack>
        )}
      </Page>
    );
  }
  if (!taxonomy.data || (id && !innovation.data)) {
    return (
      <Page title={title}>
        <PageLoader />
      </Page>
    );
  }

  const current = id ? innovation.data?.data : undefined;
  if (current && me && current.author.id !== me.id) {
    return (
      <Page title={title}>
        <EmptyState title={t('notAuthor.title')}>{t('notAuthor.body')}</EmptyState>
        <Button
          component={Link}
          to={`/innovations/${current.id}`}
          variant="light"
          style={{ alignSelf: 'center' }}
        >
          {t('bar.view')}
        </Button>
      </Page>
    );
  }
  if (current?.status === 'removed') {
    return (
      <Page title={title}>
        <EmptyState title={t('removed.title')}>{t('removed.body')}</EmptyState>
      </Page>
    );
  }

  return (
    <EditorForm
      key={formKey}
      taxonomy={taxonomy.data.data}
      innovation={current}
      onCreated={(newId) => {
        created.current = { id: newId, key: formKey };
      }}
    />
  );
}
