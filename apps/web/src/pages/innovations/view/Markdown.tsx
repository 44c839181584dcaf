/**
 * The body as the author wrote it (Markdown). Raw HTML is never rendered (`html: false`); links open in a new tab
 * and carry rel="noopener nofollow ugc"; a level-1 heading becomes level 2 under the page's title.
 */
import { Typography } from '@mantine/core';
import MarkdownIt from 'markdown-it';
import { useMemo } from 'react';
import classes from './innovations.module.css';

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

type RenderRule = NonNullable<typeof markdown.renderer.rules.link_open>;

const renderToken: RenderRule = (tokens, index, options, _env, self) =>
  self.renderToken(tokens, index, options);

markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  token.attrSet('rel', 'noopener nofollow ugc');
  token.attrSet('target', '_blank');
  return renderToken(tokens, index, options, env, self);
};
markdown.renderer.rules.heading_open = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  if (token.tag === 'h1') token.tag = 'h2';
  return renderToken(tokens, index, options, env, self);
};
markdown.renderer.rules.heading_close = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  if (token.tag === 'h1') token.tag = 'h2';
  return renderToken(tokens, index, options, env, self);
};
const defaultImage = markdown.renderer.rules.image!;
markdown.renderer.rules.image = (tokens, index, options, env, self) => {
  tokens[index]!.attrSet('loading', 'lazy');
  return defaultImage(tokens, index, options, env, self);
};

export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

export function Markdown({ source }: { source: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return (
    <Typography className={classes.body}>
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}
