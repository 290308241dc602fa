package org.scimee.example;

/** Every shared scenario on Payara Micro 6 (Jakarta EE 10). */
class PayaraIT extends ArquillianScimService {
}
