package org.scimee.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.schema.SchemaRegistryTest.json;

import java.util.List;
import org.junit.jupiter.api.Test;

class InverseReferencesTest {

    @Test
    void theRfcSchemasDeriveExactlyUserGroupsFromGroupMembers() {
        SchemaRegistry registry = SchemaRegistry.defaults();
        InverseReferences inverses = new InverseReferences(registry);
        ResourceType user = registry.resourceType("User").orElseThrow();
        ResourceType group = registry.resourceType("Group").orElseThrow();

        List<InverseReferences.Inverse> ofUser = inverses.of(user);
        assertThat(ofUser).hasSize(1);
        InverseReferences.Inverse groups = ofUser.get(0);
        assertThat(groups.holder()).isEqualTo(user);
        assertThat(groups.urn()).isNull();
        assertThat(groups.attribute().name()).isEqualTo("groups");
        assertThat(groups.sources()).hasSize(1);
        InverseReferences.Source members = groups.sources().get(0);
        assertThat(members.type()).isEqualTo(group);
        assertThat(members.reference().urn()).isNull();
        assertThat(members.reference().attribute().name()).isEqualTo("members");
        assertThat(members.reference().value().name()).isEqualTo("value");
        assertThat(members.displayName().name()).isEqualTo("displayName");
        // Group.members' $ref names Group too: groups nest.
        assertThat(members.nested()).isTrue();

        // Group.members is readWrite, and Enterprise User's manager is single-valued: neither is derived.
        assertThat(inverses.of(group)).isEmpty();
        Schema enterprise = registry.schema(SchemaRegistry.ENTERPRISE_USER_SCHEMA).orElseThrow();
        assertThat(inverses.find(user, SchemaRegistry.ENTERPRISE_USER_SCHEMA, enterprise.attribute("manager").orElseThrow())).isEmpty();

        Attribute groupsAttribute = registry.coreSchema(user).attribute("groups").orElseThrow();
        assertThat(inverses.find(user, null, groupsAttribute)).contains(groups);
        assertThat(inverses.find(user, SchemaRegistry.ENTERPRISE_USER_SCHEMA, groupsAttribute)).isEmpty();
        assertThat(inverses.find(user, null, registry.coreSchema(user).attribute("emails").orElseThrow())).isEmpty();
    }

    @Test
    void aCustomRegistryDerivesWhateverHasTheShape() {
        SchemaRegistry registry = SchemaRegistry.builder()
                .schema(json("""
                        {"id":"urn:example:Player","attributes":[
                          {"name":"nick"},
                          {"name":"teams","type":"complex","multiValued":true,"mutability":"readOnly","subAttributes":[
                            {"name":"value","mutability":"readOnly"},
                            {"name":"$ref","type":"reference","referenceTypes":["Team"],"mutability":"readOnly"},
                            {"name":"display","mutability":"readOnly"}]}]}"""))
                .schema(json("""
                        {"id":"urn:example:Team","attributes":[
                          {"name":"title"},
                          {"name":"players","type":"complex","multiValued":true,"subAttributes":[
                            {"name":"value","mutability":"immutable"},
                            {"name":"$ref","type":"reference","referenceTypes":["Player"],"mutability":"immutable"}]}]}"""))
                .schema(json("""
                        {"id":"urn:example:Stats","attributes":[
                          {"name":"leagues","type":"complex","multiValued":true,"mutability":"readOnly","subAttributes":[
                            {"name":"value"},
                            {"name":"$ref","type":"reference","referenceTypes":["League"]}]}]}"""))
                .schema(json("""
                        {"id":"urn:example:League","attributes":[
                          {"name":"displayName","multiValued":true},
                          {"name":"players","type":"complex","multiValued":true,"subAttributes":[
                            {"name":"value"},{"name":"$ref","type":"reference","referenceTypes":["Player"]}]},
                          {"name":"referees","type":"complex","multiValued":true,"subAttributes":[
                            {"name":"value"},{"name":"$ref","type":"reference","referenceTypes":["Player"]}]}]}"""))
                .resourceType(json("""
                        {"id":"Player","name":"Player","endpoint":"/Players","schema":"urn:example:Player",
                         "schemaExtensions":[{"schema":"urn:example:Stats","required":false}]}"""))
                .resourceType(json("""
                        {"id":"Team","name":"Team","endpoint":"/Teams","schema":"urn:example:Team"}"""))
                .resourceType(json("""
                        {"id":"League","name":"League","endpoint":"/Leagues","schema":"urn:example:League"}"""))
                .build();
        InverseReferences inverses = new InverseReferences(registry);
        ResourceType player = registry.resourceType("Player").orElseThrow();

        List<InverseReferences.Inverse> ofPlayer = inverses.of(player);
        // League has two attributes referring to players (players, referees): which one "leagues" inverts is
        // ambiguous, so it is not derived.
        assertThat(ofPlayer).extracting(i -> i.attribute().name()).containsExactly("teams");
        InverseReferences.Source team = ofPlayer.get(0).sources().get(0);
        assertThat(team.type().id()).isEqualTo("Team");
        assertThat(team.reference().attribute().name()).isEqualTo("players");
        // Team has no displayName, and players refer only to players: no display, no nesting.
        assertThat(team.displayName()).isNull();
        assertThat(team.nested()).isFalse();
        assertThat(inverses.of(registry.resourceType("Team").orElseThrow())).isEmpty();
        assertThat(inverses.of(registry.resourceType("League").orElseThrow())).isEmpty();
    }

    @Test
    void anExtensionAttributeMayBeDerivedAndOnlyReadableClientWritableSourcesCount() {
        SchemaRegistry registry = SchemaRegistry.builder().withDefaults()
                .schema(json("""
                        {"id":"urn:example:Access","attributes":[
                          {"name":"roles","type":"complex","multiValued":true,"mutability":"readOnly","subAttributes":[
                            {"name":"value"},{"name":"$ref","type":"reference","referenceTypes":["Role","Secret","external"]},
                            {"name":"display"},{"name":"type"}]}]}"""))
                .schema(json("""
                        {"id":"urn:example:Role","attributes":[
                          {"name":"displayName"},
                          {"name":"holders","type":"complex","multiValued":true,"subAttributes":[
                            {"name":"value"},{"name":"$ref","type":"reference","referenceTypes":["User"]}]}]}"""))
                .schema(json("""
                        {"id":"urn:example:Secret","attributes":[
                          {"name":"displayName"},
                          {"name":"holders","type":"complex","multiValued":true,"mutability":"writeOnly","subAttributes":[
                            {"name":"value"},{"name":"$ref","type":"reference","referenceTypes":["User"]}]}]}"""))
                // the User resource type again, now with a second extension
                .resourceType(json("""
                        {"id":"User","name":"User","endpoint":"/Users","schema":"urn:ietf:params:scim:schemas:core:2.0:User",
                         "schemaExtensions":[{"schema":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","required":false},
                                             {"schema":"urn:example:Access","required":false}]}"""))
                .resourceType(json("""
                        {"id":"Role","name":"Role","endpoint":"/Roles","schema":"urn:example:Role"}"""))
                .resourceType(json("""
                        {"id":"Secret","name":"Secret","endpoint":"/Secrets","schema":"urn:example:Secret"}"""))
                .build();
        InverseReferences inverses = new InverseReferences(registry);
        ResourceType user = registry.resourceType("User").orElseThrow();

        List<InverseReferences.Inverse> ofUser = inverses.of(user);
        assertThat(ofUser).extracting(i -> i.attribute().name()).containsExactly("groups", "roles");
        InverseReferences.Inverse roles = ofUser.get(1);
        assertThat(roles.urn()).isEqualTo("urn:example:Access");
        // Secret.holders is writeOnly (never returned, so not something to search by): only Role counts.
        assertThat(roles.sources()).extracting(s -> s.type().id()).containsExactly("Role");
        assertThat(roles.sources().get(0).displayName().name()).isEqualTo("displayName");
        assertThat(roles.sources().get(0).nested()).isFalse();

        Attribute rolesAttribute = registry.schema("urn:example:Access").orElseThrow().attribute("roles").orElseThrow();
        assertThat(inverses.find(user, "URN:EXAMPLE:ACCESS", rolesAttribute)).contains(roles);
        assertThat(inverses.find(user, null, rolesAttribute)).isEmpty();
    }
}
