"use client";

import { PropertyValue } from "@/components/property-value";
import { groupPoolProperties } from "@/lib/model/pool-properties";

/** Unset but worth saying so: a pool without the autoscaler, without zones, without labels or taints. */
const showAbsent = ["enableAutoScaling", "availabilityZones", "nodeLabels", "nodeTaints", "scaleSetPriority"];

/**
 * Every ARM property of the pool, as read, under the group it belongs to. A client component so that the page's RSC
 * payload carries the properties once, as data, rather than as the elements of their tables.
 */
export function PoolProperties({ properties }: { properties: Record<string, unknown> }) {
  const groups = groupPoolProperties(properties, { showAbsent });
  return (
    <div className="property-groups">
      {groups.map((group) => (
        <section key={group.key} className="panel property-group" aria-labelledby={`group-${group.key}`}>
          <h3 id={`group-${group.key}`}>{group.title}</h3>
          <table className="properties">
            <tbody>
              {group.properties.map((property) => (
                <tr key={property.name} data-property={property.name}>
                  <th scope="row" className="mono">
                    {property.name}
                  </th>
                  <td>{property.present ? <PropertyValue value={property.value} /> : <span className="muted">not set</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
