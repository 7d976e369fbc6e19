/**
 * The VM family (series, features and version) of an Azure VM size: Standard_D4s_v5 is Dsv5, Standard_E16-8ds_v5
 * (a constrained-core size) is Edsv5, Standard_NC4as_T4_v3 is NCasT4v3. A size that does not follow the naming
 * scheme is its own family.
 */
const pattern = /^Standard_([A-Z]+)[0-9]+(?:-[0-9]+)?([a-z]*)(?:_([A-Z][A-Za-z0-9]*))?(?:_(v[0-9]+))?$/;

export function vmFamily(vmSize: string): string {
  return pattern.test(vmSize) ? vmSize.replace(pattern, "$1$2$3$4") : vmSize;
}
