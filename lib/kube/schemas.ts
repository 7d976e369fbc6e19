/**
 * What Poolscope expects of the Kubernetes objects it reads (subsets of V1Node, V1Pod, V1Event, V1ConfigMap),
 * checked for every item before it is counted or stored. Loose: other fields are allowed and ignored.
 */
import { z } from "zod";

const maybeText = z.string().nullish();
const quantity = z.union([z.string(), z.number()]);
const resourceList = z.record(z.string(), quantity).nullish();

export const nodeSchema = z.looseObject({
  metadata: z.looseObject({ name: z.string(), labels: z.record(z.string(), z.string()).nullish(), creationTimestamp: maybeText }),
  spec: z.looseObject({ unschedulable: z.boolean().nullish(), providerID: maybeText }).nullish(),
  status: z
    .looseObject({
      allocatable: z.record(z.string(), z.string()).nullish(),
      conditions: z.array(z.looseObject({ type: z.string(), status: z.string() })).nullish(),
      nodeInfo: z.looseObject({ kubeletVersion: maybeText, osImage: maybeText }).nullish(),
    })
    .nullish(),
});

const container = z.looseObject({ resources: z.looseObject({ requests: resourceList }).nullish(), restartPolicy: maybeText });
const requirement = z.looseObject({ key: z.string(), operator: z.string(), values: z.array(z.string()).nullish() });

/** A pod that is kept (unscheduled) is checked in full here; every pod first passes check-scheduled-pod.ts. */
export const podSchema = z.looseObject({
  metadata: z.looseObject({
    name: z.string(),
    namespace: z.string(),
    creationTimestamp: maybeText,
    ownerReferences: z.array(z.looseObject({ kind: z.string(), name: z.string(), controller: z.boolean().nullish() })).nullish(),
  }),
  spec: z.looseObject({
    nodeName: maybeText,
    containers: z.array(container),
    initContainers: z.array(container).nullish(),
    overhead: resourceList,
    nodeSelector: z.record(z.string(), z.string()).nullish(),
    affinity: z
      .looseObject({
        nodeAffinity: z
          .looseObject({
            requiredDuringSchedulingIgnoredDuringExecution: z
              .looseObject({ nodeSelectorTerms: z.array(z.looseObject({ matchExpressions: z.array(requirement).nullish(), matchFields: z.array(requirement).nullish() })).nullish() })
              .nullish(),
          })
          .nullish(),
      })
      .nullish(),
    tolerations: z.array(z.looseObject({ key: maybeText, operator: maybeText, value: maybeText, effect: maybeText, tolerationSeconds: z.number().nullish() })).nullish(),
  }),
  status: z
    .looseObject({
      phase: maybeText,
      conditions: z.array(z.looseObject({ type: z.string(), status: z.string(), reason: maybeText, message: maybeText, lastTransitionTime: maybeText })).nullish(),
    })
    .nullish(),
});

export const eventSchema = z.looseObject({
  reason: maybeText,
  message: maybeText,
  involvedObject: z.looseObject({ kind: maybeText, namespace: maybeText, name: maybeText }),
  lastTimestamp: maybeText,
  eventTime: maybeText,
  metadata: z.looseObject({ creationTimestamp: maybeText }).nullish(),
});

export const configMapSchema = z.looseObject({ data: z.record(z.string(), z.string()).nullish() });

export const listSchema = z.looseObject({
  items: z.array(z.unknown()),
  metadata: z.looseObject({ continue: maybeText }).nullish(),
});
