package org.scimee.example;

/** The slice on Payara Micro 6 (Jakarta EE 10). */
class PayaraIT extends ScimSliceScenarios {
}
