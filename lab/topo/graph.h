/* graph.h: a topology as a Graphviz DOT graph (for `mptcp-lab graph`).
 *
 * Nodes are boxes (with their bridges, MPTCP limits and endpoints),
 * networks are ellipses (with their subnets), and each member interface
 * is an edge between the two labelled with its name and addresses. */
#ifndef LAB_GRAPH_H
#define LAB_GRAPH_H

#include "topo/topo.h"

/* The DOT text, malloc'd (caller frees); NULL if memory ran out. */
char *graph_dot(const struct topo *t);

#endif
