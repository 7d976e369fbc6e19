"use client";

import { formatAge, formatCores, formatCount, formatMemory } from "@/lib/format";
import type { PoolNode } from "@/lib/queries/pool-detail";

/**
 * The pool's nodes as the run read them from the cluster's API. A client component for the server's sake: the page's
 * RSC payload then carries the nodes as data, which costs the server a small part of serialising their cells.
 */
export function PoolNodes({ nodes, takenAt }: { nodes: PoolNode[]; takenAt: string }) {
  return (
    <div className="table-wrap">
      <table className="data">
        <caption className="skip-link">Nodes of the pool</caption>
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Zone</th>
            <th scope="col">Ready</th>
            <th scope="col">Cordoned</th>
            <th scope="col">Age</th>
            <th scope="col" className="num">
              Allocatable CPU
            </th>
            <th scope="col" className="num">
              Allocatable memory
            </th>
            <th scope="col" className="num">
              Allocatable pods
            </th>
            <th scope="col" className="num">
              Requested CPU
            </th>
            <th scope="col" className="num">
              Requested memory
            </th>
            <th scope="col" className="num">
              Pods
            </th>
            <th scope="col">Kubelet</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((node) => (
            <tr key={node.name} data-node={node.name}>
              <td className="mono">{node.name}</td>
              {node.zone && node.zone !== "0" ? <td>{node.zone}</td> : <td className="muted">none</td>}
              <td>{node.ready ? <span className="badge ok">Ready</span> : <span className="badge bad">NotReady</span>}</td>
              {node.cordoned ? (
                <td>
                  <span className="badge warn">cordoned</span>
                </td>
              ) : (
                <td className="muted">no</td>
              )}
              <td className="nowrap">{node.createdAt ? formatAge(new Date(node.createdAt), new Date(takenAt)).replace(" ago", "") : "–"}</td>
              <td className="num">{formatCores(node.allocatableCpuMillis)}</td>
              <td className="num">{formatMemory(node.allocatableMemoryBytes)}</td>
              <td className="num">{formatCount(node.allocatablePods)} pods</td>
              <td className="num">{formatCores(node.requestedCpuMillis)}</td>
              <td className="num">{formatMemory(node.requestedMemoryBytes)}</td>
              <td className="num">{formatCount(node.podCount)}</td>
              <td className="mono">{node.kubeletVersion ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
