import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import cytoscape from 'cytoscape';
import type { StixObject } from '../../api/types';
import { fetchRelatedGraph, type RelatedGraph } from '../../stix/related';
import { displayName, typeOfId } from '../../stix/stix-display';
import { useStixTypeLabel } from '../../stix/use-stix-labels';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card } from '../../ui/layout';
import { RefLink } from './property-value';

/** Node colours by STIX type: threats warm, defences cool, containers grey. */
const TYPE_COLOURS: Readonly<Record<string, string>> = {
  indicator: '#1d4e89',
  malware: '#b5179e',
  'attack-pattern': '#d62828',
  'threat-actor': '#9d0208',
  'intrusion-set': '#6a040f',
  campaign: '#e85d04',
  tool: '#7b2cbf',
  vulnerability: '#f48c06',
  'course-of-action': '#2a9d8f',
  identity: '#495057',
  report: '#6c757d',
  incident: '#c1121f',
  sighting: '#0077b6',
  infrastructure: '#588157',
  location: '#3a5a40',
  'observed-data': '#4361ee',
};

function truncate(text: string, max = 36): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function elementsOf(
  graph: RelatedGraph,
  typeLabel: (type: string) => string,
  notHeld: string,
): cytoscape.ElementDefinition[] {
  const nodes = [...graph.nodes.entries()].map(([id, object]) => {
    const type = object?.type ?? typeOfId(id);
    return {
      data: {
        id,
        label: `${truncate(object ? displayName(object) : notHeld)}\n${typeLabel(type)}`,
        colour: TYPE_COLOURS[type] ?? '#343a40',
        center: id === graph.center ? 1 : 0,
        missing: object ? 0 : 1,
      },
    };
  });
  const edges = graph.edges.map((e) => ({
    data: { id: `e:${e.id}`, source: e.source, target: e.target, label: e.label },
  }));
  return [...nodes, ...edges];
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(label)',
      color: '#1b1f24',
      'font-size': 10,
      'text-wrap': 'wrap',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      width: 22,
      height: 22,
      'font-family': 'system-ui, "Noto Sans CJK SC", sans-serif',
    },
  },
  {
    selector: 'node[center = 1]',
    style: { width: 34, height: 34, 'border-width': 4, 'border-color': '#ffb703', 'font-weight': 'bold' },
  },
  {
    selector: 'node[missing = 1]',
    style: {
      'background-opacity': 0.25,
      'border-style': 'dashed',
      'border-width': 2,
      'border-color': '#6c757d',
    },
  },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#adb5bd',
      'target-arrow-color': '#adb5bd',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-size': 9,
      color: '#495057',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
    },
  },
];

/**
 * Cytoscape adds a <style> element to <head> unless one with its id exists; the page's CSP forbids
 * inline styles, so a placeholder takes that id and app.css carries the one rule it wanted.
 */
function preventInlineStylesheet(): void {
  const id = '__________cytoscape_stylesheet';
  if (document.getElementById(id)) return;
  const placeholder = document.createElement('meta');
  placeholder.id = id;
  document.head.appendChild(placeholder);
}

/** A star around the object for small neighbourhoods; a force layout when there are many. */
function layoutFor(size: number): cytoscape.LayoutOptions {
  if (size > 16)
    return {
      name: 'cose',
      animate: false,
      padding: 24,
      idealEdgeLength: () => 110,
      nodeRepulsion: () => 9000,
    };
  return {
    name: 'concentric',
    animate: false,
    padding: 40,
    minNodeSpacing: 110,
    levelWidth: () => 1,
    concentric: (node: cytoscape.NodeSingular) => (node.data('center') === 1 ? 2 : 1),
  };
}

function GraphCanvas({ graph }: { readonly graph: RelatedGraph }) {
  const { t } = useTranslation();
  const typeLabel = useStixTypeLabel();
  const navigate = useNavigate();
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    preventInlineStylesheet();
    const cy = cytoscape({
      container: container.current,
      elements: elementsOf(graph, typeLabel, t('graph.notHeld')),
      style: STYLE,
      layout: layoutFor(graph.nodes.size),
      wheelSensitivity: 0.3,
      minZoom: 0.2,
      maxZoom: 3,
    });
    // A small neighbourhood would be blown up to fill the canvas; keep labels at reading size.
    if (cy.zoom() > 1.2) {
      cy.zoom(1.2);
      cy.center();
    }
    cy.on('tap', 'node', (event) => {
      const id = (event.target as cytoscape.NodeSingular).id();
      if (id !== graph.center) void navigate(`/objects/${id}?tab=graph`);
    });
    return () => cy.destroy();
  }, [graph, typeLabel, t, navigate]);
  return <div ref={container} className="graph-canvas" data-testid="graph-canvas" aria-hidden="true" />;
}

/** The neighbourhood of an object as a graph, with the same facts as an accessible table. */
export default function RelationshipGraph({ object }: { readonly object: StixObject }) {
  const { t } = useTranslation();
  const related = useQuery({
    queryKey: ['objects', 'related', object.id, object.modified],
    queryFn: ({ signal }) => fetchRelatedGraph(object, signal),
    staleTime: 30_000,
  });
  if (related.isPending) return <Loading label={t('graph.loading')} />;
  if (related.isError) return <ProblemAlert error={related.error} />;
  const graph = related.data;
  return (
    <div className="graph-layout">
      <Card title={t('graph.title', { count: graph.edges.length })} testId="relationship-graph">
        {graph.edges.length === 0 ? (
          <p className="muted">{t('graph.none')}</p>
        ) : (
          <GraphCanvas graph={graph} />
        )}
        {graph.truncated && <p className="muted small">{t('graph.truncated')}</p>}
      </Card>
      {graph.edges.length > 0 && (
        <Card title={t('graph.listTitle')}>
          <table className="table table-compact" data-testid="relationship-table">
            <thead>
              <tr>
                <th>{t('graph.source')}</th>
                <th>{t('graph.relation')}</th>
                <th>{t('graph.target')}</th>
              </tr>
            </thead>
            <tbody>
              {graph.edges.map((e) => {
                const source = graph.nodes.get(e.source);
                const target = graph.nodes.get(e.target);
                return (
                  <tr key={e.id}>
                    <td>
                      {e.source === graph.center ? (
                        <strong>{source ? displayName(source) : e.source}</strong>
                      ) : (
                        <RefLink id={e.source} />
                      )}
                      {e.source !== graph.center && source && (
                        <div className="small">{displayName(source)}</div>
                      )}
                    </td>
                    <td>
                      {e.via ? <RefLink id={e.via} /> : null} <span className="chip-static">{e.label}</span>
                    </td>
                    <td>
                      {e.target === graph.center ? (
                        <strong>{target ? displayName(target) : e.target}</strong>
                      ) : (
                        <RefLink id={e.target} />
                      )}
                      {e.target !== graph.center && target && (
                        <div className="small">{displayName(target)}</div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
