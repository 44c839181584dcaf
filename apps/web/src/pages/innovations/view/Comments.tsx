/**
 * The conversation under an innovation, as in a Facebook group: threads oldest first, replies one level deep under
 * their thread (a reply to a reply joins the same thread, naming whom it answers).
 */
import {
  Anchor,
  Avatar,
  Box,
  Button,
  Group,
  Menu,
  ActionIcon,
  Modal,
  Paper,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconLogin, IconPencil, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  feedbackControllerComments,
  getFeedbackControllerCommentsQueryKey,
  useFeedbackControllerComment,
  useFeedbackControllerDeleteComment,
  useFeedbackControllerEditComment,
} from '../../../api/generated/feedback/feedback';
import { getInnovationsControllerGetQueryKey } from '../../../api/generated/innovations/innovations';
import type {
  InnovationCommentResponse,
  InnovationCommentThreadResponse,
} from '../../../api/generated/model';
import { useAuth } from '../../../auth/AuthProvider';
import { LevelBadge } from '../../../components/LevelBadge';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime, formatRelative } from '../../../format/format';
import { initialOf } from './initial';
import classes from './innovations.module.css';
import { useSignIn } from './useSignIn';

/** How long after posting a comment its author may still edit it (the API's default COMMENT_EDIT_MINUTES). */
const EDIT_MINUTES = 15;
const MAX_LENGTH = 5000;

function useRefreshComments(innovationId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: getFeedbackControllerCommentsQueryKey(innovationId) });
    void queryClient.invalidateQueries({ queryKey: getInnovationsControllerGetQueryKey(innovationId) });
  };
}

function Composer({
  innovationId,
  parentId,
  label,
  initial = '',
  submitLabel,
  testId,
  autoFocus,
  onDone,
  onCancel,
}: {
  innovationId: string;
  parentId?: string;
  label: string;
  initial?: string;
  submitLabel: string;
  testId: string;
  autoFocus?: boolean;
  onDone?: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('innovations');
  const [body, setBody] = useState(initial);
  const post = useFeedbackControllerComment();
  const refresh = useRefreshComments(innovationId);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = body.trim();
    if (!text) return;
    try {
      await post.mutateAsync({ id: innovationId, data: { body: text, ...(parentId ? { parentId } : {}) } });
      setBody('');
      refresh();
      onDone?.();
    } catch {
      // shown by ProblemAlert
    }
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="xs">
        <Textarea
          label={label}
          placeholder={t('comments.placeholder')}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={MAX_LENGTH}
          value={body}
          autoFocus={autoFocus}
          onChange={(event) => setBody(event.currentTarget.value)}
          size="md"
        />
        <ProblemAlert error={post.error} />
        <Group gap="sm" justify="flex-end">
          {onCancel && (
            <Button variant="default" h={44} onClick={onCancel}>
              {t('common:actions.cancel')}
            </Button>
          )}
          <Button type="submit" h={44} disabled={!body.trim()} loading={post.isPending} data-testid={testId}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EditForm({
  innovationId,
  comment,
  onDone,
}: {
  innovationId: string;
  comment: InnovationCommentResponse;
  onDone: () => void;
}) {
  const { t } = useTranslation('innovations');
  const [body, setBody] = useState(comment.body ?? '');
  const edit = useFeedbackControllerEditComment();
  const refresh = useRefreshComments(innovationId);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    try {
      await edit.mutateAsync({ id: innovationId, commentId: comment.id, data: { body: body.trim() } });
      refresh();
      onDone();
    } catch {
      // shown by ProblemAlert
    }
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="xs">
        <Textarea
          label={t('comments.editLabel')}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={MAX_LENGTH}
          value={body}
          autoFocus
          onChange={(event) => setBody(event.currentTarget.value)}
        />
        <ProblemAlert error={edit.error} />
        <Group gap="sm" justify="flex-end">
          <Button variant="default" h={44} onClick={onDone}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" h={44} disabled={!body.trim()} loading={edit.isPending}>
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CommentItem({
  innovationId,
  comment,
  canReply,
  onReply,
  children,
}: {
  innovationId: string;
  comment: InnovationCommentResponse;
  canReply: boolean;
  onReply: (comment: InnovationCommentResponse) => void;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation('innovations');
  const { me, hasRole } = useAuth();
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const remove = useFeedbackControllerDeleteComment();
  const refresh = useRefreshComments(innovationId);
  const own = Boolean(me && comment.author && me.id === comment.author.id);
  const canDelete = !comment.deleted && (own || hasRole('moderator', 'obec_admin'));
  const canEdit =
    !comment.deleted && own && Date.now() - new Date(comment.createdAt).getTime() < EDIT_MINUTES * 60_000;
  const name = comment.author?.displayName ?? t('comments.deletedAuthor');

  const doDelete = async () => {
    try {
      await remove.mutateAsync({ id: innovationId, commentId: comment.id });
      setConfirmDelete(false);
      refresh();
      notifications.show({ color: 'teal', message: t('comments.deleted') });
    } catch {
      // shown in the dialog
    }
  };

  return (
    <Box data-testid="comment" data-comment-id={comment.id}>
      <Group gap={8} align="flex-start" wrap="nowrap">
        <Avatar size={36} radius="xl" color={comment.deleted ? 'gray' : 'lc'} aria-hidden>
          {comment.author ? initialOf(comment.author.displayName) : ''}
        </Avatar>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          {editing ? (
            <EditForm innovationId={innovationId} comment={comment} onDone={() => setEditing(false)} />
          ) : (
            <Group gap={4} wrap="nowrap" align="flex-start">
              <div className={classes.bubble}>
                {comment.author ? (
                  <Group gap={4} wrap="nowrap" align="center">
                    <Anchor
                      component={Link}
                      to={`/members/${comment.author.id}`}
                      fw={700}
                      size="sm"
                      c="dark"
                      style={{ minWidth: 0, overflowWrap: 'anywhere' }}
                    >
                      {name}
                    </Anchor>
                    <LevelBadge level={comment.author.level} compact />
                  </Group>
                ) : null}
                {comment.deleted ? (
                  <Text size="sm" c="dimmed" fs="italic">
                    {t('comments.tombstone')}
                  </Text>
                ) : (
                  <Text size="md" className={classes.pre}>
                    {comment.body}
                  </Text>
                )}
              </div>
              {(canEdit || canDelete) && (
                <Menu position="bottom-end">
                  <Menu.Target>
                    <ActionIcon variant="subtle" color="gray" aria-label={t('comments.actions', { name })}>
                      <IconDots size={18} aria-hidden />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {canEdit && (
                      <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
                        {t('common:actions.edit')}
                      </Menu.Item>
                    )}
                    {canDelete && (
                      <Menu.Item
                        color="red"
                        leftSection={<IconTrash size={16} />}
                        onClick={() => setConfirmDelete(true)}
                      >
                        {t('common:actions.delete')}
                      </Menu.Item>
                    )}
                  </Menu.Dropdown>
                </Menu>
              )}
            </Group>
          )}
          {!editing && (
            <Group gap={4} wrap="wrap" align="center">
              <Text
                size="xs"
                c="dimmed"
                component="time"
                dateTime={comment.createdAt}
                title={formatDateTime(comment.createdAt, i18n.language)}
                px={4}
              >
                {formatRelative(comment.createdAt, i18n.language)}
                {comment.editedAt ? ` · ${t('comments.edited')}` : ''}
              </Text>
              {canReply && !comment.deleted && (
                <Button
                  variant="subtle"
                  size="compact-sm"
                  h={44}
                  onClick={() => onReply(comment)}
                  aria-label={t('comments.replyTo', { name })}
                >
                  {t('comments.reply')}
                </Button>
              )}
            </Group>
          )}
          {children}
        </Stack>
      </Group>
      <Modal
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t('comments.deleteTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        <Stack>
          <Text>{t('comments.deleteBody')}</Text>
          <ProblemAlert error={remove.error} />
          <Group justify="flex-end">
            <Button variant="default" h={44} onClick={() => setConfirmDelete(false)}>
              {t('common:actions.cancel')}
            </Button>
            <Button color="red" h={44} loading={remove.isPending} onClick={() => void doDelete()}>
              {t('common:actions.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Box>
  );
}

export function Comments({
  innovationId,
  published,
  commentCount,
}: {
  innovationId: string;
  published: boolean;
  commentCount: number;
}) {
  const { t } = useTranslation('innovations');
  const { status } = useAuth();
  const signIn = useSignIn();
  const member = status === 'member';
  const [replying, setReplying] = useState<{ threadId: string; mention: string; key: number } | null>(null);
  const comments = useInfiniteQuery({
    queryKey: [...getFeedbackControllerCommentsQueryKey(innovationId), 'infinite'],
    queryFn: async ({ pageParam, signal }) =>
      (
        await feedbackControllerComments(innovationId, pageParam ? { cursor: pageParam } : undefined, {
          signal,
        })
      ).data,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const threads: InnovationCommentThreadResponse[] = comments.data?.pages.flatMap((page) => page.items) ?? [];

  const startReply = (thread: InnovationCommentThreadResponse, to: InnovationCommentResponse) => {
    if (!member) {
      signIn();
      return;
    }
    const mention = to.id !== thread.id && to.author ? `@${to.author.displayName} ` : '';
    setReplying({ threadId: thread.id, mention, key: Date.now() });
  };

  return (
    <Paper withBorder radius="lg" p="md" id="comments" component="section" aria-labelledby="comments-title">
      <Stack gap="md">
        <Title order={2} size="h3" id="comments-title">
          {t('comments.title', { count: commentCount })}
        </Title>
        {comments.isLoading ? (
          <Stack gap="sm" aria-hidden>
            <Skeleton h={56} radius="lg" />
            <Skeleton h={56} radius="lg" />
          </Stack>
        ) : comments.isError ? (
          <Stack gap="xs">
            <ProblemAlert error={comments.error} />
            <Button variant="default" h={44} w="fit-content" onClick={() => void comments.refetch()}>
              {t('common:actions.retry')}
            </Button>
          </Stack>
        ) : threads.length === 0 ? (
          <Text c="dimmed">{t('comments.empty')}</Text>
        ) : (
          <Stack gap="md">
            {threads.map((thread) => (
              <CommentItem
                key={thread.id}
                innovationId={innovationId}
                comment={thread}
                canReply={published}
                onReply={(to) => startReply(thread, to)}
              >
                {(thread.replies.length > 0 || replying?.threadId === thread.id) && (
                  <Stack gap="sm" mt={6} className={classes.replies}>
                    {thread.replies.map((reply) => (
                      <CommentItem
                        key={reply.id}
                        innovationId={innovationId}
                        comment={reply}
                        canReply={published}
                        onReply={(to) => startReply(thread, to)}
                      />
                    ))}
                    {replying?.threadId === thread.id && (
                      <Composer
                        key={replying.key}
                        innovationId={innovationId}
                        parentId={thread.id}
                        initial={replying.mention}
                        label={t('comments.replyLabel', { name: thread.author?.displayName ?? '' })}
                        submitLabel={t('comments.replySubmit')}
                        testId="reply-submit"
                        autoFocus
                        onDone={() => setReplying(null)}
                        onCancel={() => setReplying(null)}
                      />
                    )}
                  </Stack>
                )}
              </CommentItem>
            ))}
          </Stack>
        )}
        {comments.hasNextPage && (
          <Button
            variant="subtle"
            h={44}
            loading={comments.isFetchingNextPage}
            onClick={() => void comments.fetchNextPage()}
          >
            {t('comments.loadMore')}
          </Button>
        )}
        {!published ? null : member ? (
          <Composer
            innovationId={innovationId}
            label={t('comments.label')}
            submitLabel={t('comments.submit')}
            testId="comment-submit"
          />
        ) : (
          <Button variant="light" h={44} leftSection={<IconLogin size={18} aria-hidden />} onClick={signIn}>
            {t('comments.signIn')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
